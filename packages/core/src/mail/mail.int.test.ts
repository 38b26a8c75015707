import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE, sql } from "@planpulse/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeMail, secret } from "./compose";
import { startMailTestbed, type MailTestbed } from "./mail-testbed";
import { configureMailer, enqueueMail, listOutbox } from "./mailer";
import { getOrganisationName } from "./organisation";
import { startTestSmtpServer, type TestSmtpServer } from "./smtp-test-server";

let n = 0;
function message(to: string, extra: Partial<Parameters<typeof enqueueMail>[1]> = {}) {
  n += 1;
  const mail = composeMail({
    organisation: "Test Association",
    subject: `Message ${n}`,
    paragraphs: ["Hello <there> & welcome."],
    action: { label: "Open it", url: secret("link") },
    reason: "You received this because a test sent it.",
    manage: { text: "Change what you receive at", url: "http://portal.test/me" },
  });
  return { ...mail, to, key: `test:${n}:${Math.random()}`, kind: "test", secrets: { link: `http://portal.test/t/live-token-${n}` }, ...extra };
}

const outboxRow = (database: TestDatabase, id: number) => database.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe.each(testDrivers())("mail queue on %s", (driver) => {
  let database: TestDatabase;
  let mail: MailTestbed;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    mail = await startMailTestbed(database.db, { retry: { retryLimit: 2, retryDelay: 1, retryBackoff: false } });
    smtp = mail.smtp;
  }, 120_000);
  afterAll(async () => {
    await mail?.stop();
    await database?.dispose();
  });

  it("reads the organisation's name from one place", async () => {
    expect(await getOrganisationName(database.db)).toMatch(/\S/);
  });

  it("sends what a committed change enqueued, once, with text and HTML parts and the live link; a rolled-back change sends nothing", async () => {
    const committed = message("ann@example.org");
    const rolledBack = message("bob@example.org");
    const { outboxId } = await database.db.transaction().execute((trx) => enqueueMail(trx, committed));
    await database.db
      .transaction()
      .execute(async (trx) => {
        await enqueueMail(trx, rolledBack);
        throw new Error("the change failed");
      })
      .catch(() => undefined);
    // The same key again (a retried request, a double click) is not a second message.
    expect((await enqueueMail(database.db, committed)).queued).toBe(false);

    await expect.poll(() => smtp.to("ann@example.org").length, { timeout: 15_000 }).toBe(1);
    const got = smtp.to("ann@example.org")[0]!;
    expect(got.subject).toBe(committed.subject);
    expect(got.text).toContain("Test Association");
    expect(got.text).toContain("http://portal.test/t/live-token");
    expect(got.text).toContain("You received this because a test sent it.");
    expect(got.html).toContain("Hello &lt;there&gt; &amp; welcome.");
    expect(got.html).toContain('href="http://portal.test/t/live-token');
    expect(got.messageId).toMatch(/@planpulse\.mail>$/);

    const row = await outboxRow(database, outboxId!);
    expect(row).toMatchObject({ status: "sent", attempts: 1, error: null });
    // Neither the outbox nor the finished job keeps the live link.
    expect(row.body).not.toContain("live-token");
    const jobs = await sql<{ data: unknown }>`select data from pgboss.job where name = ${MAIL_QUEUE}`.execute(database.db);
    expect(JSON.stringify(jobs.rows)).not.toContain("live-token");
    expect((await listOutbox(database.db))[0]!.body).toContain("withheld");

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.to("ann@example.org")).toHaveLength(1);
    expect(smtp.to("bob@example.org")).toHaveLength(0);
  });

  it("a server that refuses the message: retried, then dead-lettered, nothing lost", async () => {
    smtp.refuseRecipients(true);
    try {
      const { outboxId } = await enqueueMail(database.db, message("refused@example.org"));
      await expect.poll(async () => (await outboxRow(database, outboxId!)).status, { timeout: 30_000, interval: 500 }).toBe("dead");
      const row = await outboxRow(database, outboxId!);
      expect(row.attempts).toBe(3);
      expect(row.error).toMatch(/550|unavailable/i);
      expect((await listOutbox(database.db, { status: "dead" })).map((m) => m.id)).toContain(outboxId);
      const dead = await sql<{ data: { outboxId: number } }>`select data from pgboss.job where name = ${MAIL_DEAD_LETTER_QUEUE}`.execute(database.db);
      expect(dead.rows.map((r) => r.data.outboxId)).toContain(outboxId);
      expect(JSON.stringify(dead.rows)).not.toContain("live-token");
    } finally {
      smtp.refuseRecipients(false);
    }
  });

  it("a server that is down: the message waits and goes out when it is back", async () => {
    const down = await startTestSmtpServer();
    await down.close();
    configureMailer({ smtpUrl: down.url });
    const { outboxId } = await enqueueMail(database.db, message("patient@example.org"));
    await expect.poll(async () => (await outboxRow(database, outboxId!)).attempts, { timeout: 20_000, interval: 300 }).toBeGreaterThanOrEqual(1);
    expect((await outboxRow(database, outboxId!)).status).toBe("queued");
    configureMailer({ smtpUrl: smtp.url });
    await expect.poll(() => smtp.to("patient@example.org").length, { timeout: 20_000 }).toBe(1);
    // The server has the message before the worker has written down that it went: wait for both.
    await expect.poll(async () => (await outboxRow(database, outboxId!)).status, { timeout: 10_000 }).toBe("sent");
    expect(smtp.to("patient@example.org")).toHaveLength(1);
  });

  it("without a mail server, messages are kept in the outbox without their live links", async () => {
    configureMailer({});
    try {
      const { outboxId } = await enqueueMail(database.db, message("kept@example.org"));
      await expect.poll(async () => (await outboxRow(database, outboxId!)).status, { timeout: 15_000 }).toBe("kept");
      const entry = (await listOutbox(database.db)).find((m) => m.id === outboxId)!;
      expect(entry.body).not.toContain("live-token");
      expect(smtp.to("kept@example.org")).toHaveLength(0);
    } finally {
      configureMailer({ smtpUrl: smtp.url });
    }
  });
});
