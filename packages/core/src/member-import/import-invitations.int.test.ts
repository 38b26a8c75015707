import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { findUserByEmail, verifyPassword } from "@planpulse/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetPassword } from "../auth/account-tokens";
import { startMailTestbed, type MailTestbed } from "../mail/mail-testbed";
import type { TestSmtpServer } from "../mail/smtp-test-server";
import { applyMemberImport, checkMemberImport } from "./import-members";
import { invitationPortalOrigin } from "./invitation-origin";

const HEADER = "email,name\n";
const PORTAL = "http://portal.test";

async function importFile(database: TestDatabase, text: string, perMinute: number) {
  const check = await checkMemberImport(database.db, { bytes: new TextEncoder().encode(text), fileName: "members.csv", actorId: null });
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return applyMemberImport(database.db, { importId: check.importId, actorId: null, invite: { portalOrigin: PORTAL, perMinute } });
}

async function until(condition: () => boolean, timeoutMs: number) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("invitation links' origin", () => {
  it("uses PORTAL_ORIGIN, else the admin host on the portal's port", () => {
    expect(invitationPortalOrigin("http://a.test:3001", { portalOrigin: "https://plan.example.org/" })).toBe("https://plan.example.org");
    expect(invitationPortalOrigin("http://a.test:3001", {})).toBe("http://a.test:3000");
    expect(invitationPortalOrigin("http://a.test:3401", { adminPort: 3401, portalPort: 3400 })).toBe("http://a.test:3400");
    expect(invitationPortalOrigin("https://admin.example.org", {})).toBe("https://admin.example.org");
    expect(invitationPortalOrigin(null, {})).toBeNull();
  });
});

describe.each(testDrivers())("import invitations through a real SMTP server on %s", (driver) => {
  let database: TestDatabase;
  let mail: MailTestbed;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    mail = await startMailTestbed(database.db, { retry: { retryLimit: 1, retryDelay: 1, retryBackoff: false } });
    smtp = mail.smtp;
  }, 300_000);
  afterAll(async () => {
    await mail?.stop();
    await database?.dispose();
  });

  it("invites each new member once, at the set rate; importing again sends none", async () => {
    const file = `${HEADER}one@example.org,One Member\ntwo@example.org,Two Member\nthree@example.org,Three Member\n`;
    const started = Date.now();
    const applied = await importFile(database, file, 60); // one a second
    expect(applied).toMatchObject({ status: "applied", created: 3, invited: 3 });
    await until(() => smtp.received.length >= 3, 30_000);
    // Three at one a second: the last may not leave before 2 s after the first was due.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    const jobs = await database.db
      .selectFrom("outbox")
      .select(["id", "to_address", "status", "body"])
      .where("kind", "=", "member_invitation")
      .orderBy("id")
      .execute();
    expect(jobs.map((j) => j.to_address)).toEqual(["one@example.org", "two@example.org", "three@example.org"]);
    expect(jobs.every((j) => !/token=[a-z2-7]{20}/.test(j.body))).toBe(true); // no live token at rest

    const again = await importFile(database, file, 60);
    expect(again).toMatchObject({ created: 0, invited: 0 });
    const grown = await importFile(database, `${file}four@example.org,Four Member\n`, 600);
    expect(grown).toMatchObject({ created: 1, invited: 1 });
    await until(() => smtp.received.length >= 4, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(["four@example.org", "one@example.org", "three@example.org", "two@example.org"]);

    // The link lets the password-less member choose a password (the reset path), once.
    const mail = smtp.to("two@example.org")[0]!;
    expect(mail.subject).toMatch(/invited/);
    const token = /reset-password\?token=([a-z2-7]+)/.exec(mail.text)![1]!;
    expect(mail.text).toContain(`${PORTAL}/reset-password?token=`);
    await resetPassword(database.db, { token, newPassword: "a brand new long passphrase", origin: PORTAL });
    const two = (await findUserByEmail(database.db, "two@example.org"))!;
    expect(await verifyPassword(two.password_hash!, "a brand new long passphrase")).toBe(true);
    // Imported accounts got handles from their names (the database makes one for every new account).
    expect(two.handle).toBe("two-member");
    await expect(resetPassword(database.db, { token, newPassword: "another long passphrase", origin: PORTAL })).rejects.toThrow(/already been used/);
  }, 90_000);

  it("without the option, nothing is sent", async () => {
    const check = await checkMemberImport(database.db, {
      bytes: new TextEncoder().encode(`${HEADER}quiet@example.org,Quiet Member\n`),
      fileName: "q.csv",
      actorId: null,
    });
    if (!check.ok) throw new Error("bad check");
    const applied = await applyMemberImport(database.db, { importId: check.importId, actorId: null });
    expect(applied).toMatchObject({ created: 1, invited: 0 });
    // Counted by address: the previous test's password change still sends its notice mail meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.to("quiet@example.org")).toHaveLength(0);
  });
});
