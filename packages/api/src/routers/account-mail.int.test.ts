import { readFileSync } from "node:fs";
import { importPlan, listOutbox, requestPasswordReset } from "@planpulse/core";
import { startMailTestbed, type MailTestbed, type TestSmtpServer } from "@planpulse/core/testing";
import { SESSION_COOKIE_NAME } from "@planpulse/auth";
import { PLAN_SEED_PATH, sql } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiContext } from "../context";
import { createCaller } from "../root";
import { callerAs, callerWithCookies, failure, makeUser } from "../testing";

/** A fresh caller (the context loads the session once) carrying the session cookie a sign-up set. */
async function callerFromCookies(database: TestDatabase, cookies: string[], ip = "203.0.113.9") {
  const session = cookies.map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${SESSION_COOKIE_NAME}=`));
  const headers = new Headers(session ? { cookie: session } : {});
  const context = await createApiContext(
    { database, clientIp: ip, secureCookies: false, setCookie: () => undefined },
    new Request("http://portal.test/", { headers }),
  );
  return createCaller(context);
}

const linkIn = (text: string, path: string) => {
  const match = new RegExp(`https?://[^\\s]+${path}\\?token=([a-z2-7]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[1]!;
};

describe.each(testDrivers())("verified email and password reset on %s", (driver) => {
  let database: TestDatabase;
  let mail: MailTestbed;
  let smtp: TestSmtpServer;
  let objectiveId: number;
  let objectiveSlug: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, readFileSync(PLAN_SEED_PATH, "utf8"));
    const objective = await database.db.selectFrom("objectives").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    objectiveId = objective.id;
    objectiveSlug = objective.slug;
    mail = await startMailTestbed(database.db);
    smtp = mail.smtp;
  }, 120_000);
  afterAll(async () => {
    await mail?.stop();
    await database?.dispose();
  });

  const mailTo = async (address: string, count = 1) => {
    await expect.poll(() => smtp.to(address).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
    return smtp.to(address);
  };

  it("sign-up mails a verification link; until it is used the member reads, follows and fills in the profile, but cannot take part", async () => {
    const visitor = await callerWithCookies(database, null);
    await visitor.caller.auth.signUp({ displayName: "Vera Verify", email: "vera@example.org", password: "a long enough password" });
    const member = () => callerFromCookies(database, visitor.cookies);
    expect((await (await member()).me.get())!.emailVerified).toBe(false);

    // Reads, follows, fills in the profile.
    await (await member()).objective.get({ slug: objectiveSlug });
    await (await member()).notification.follow({ slug: objectiveSlug, follow: true });
    await (await member()).account.updateProfile({});
    // Cannot vote, spend points, take a stance or comment: refused in the API, not only the UI.
    const m = await member();
    for (const attempt of [
      () => m.vote.toggle({ objectiveId, supported: true }),
      () => m.priority.set({ objectiveId, points: 2 } as never),
      () => m.stance.set({ objectiveId, stance: "support" } as never),
      () => m.comment.create({ objectiveSlug, body: "An unverified comment." } as never),
    ]) {
      const error = await failure(attempt());
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toMatch(/Confirm your email address/);
    }
    expect(await database.db.selectFrom("support_votes").select("id").where("objective_id", "=", objectiveId).execute()).toHaveLength(0);

    const [mail] = await mailTo("vera@example.org");
    expect(mail!.subject).toBe("Confirm your email address");
    expect(mail!.html).toContain("Confirm my email address");
    expect(mail!.text).toMatch(/because this address was used/);
    const token = linkIn(mail!.text, "/verify-email");
    // The outbox and the database keep no live token.
    expect(JSON.stringify(await listOutbox(database.db))).not.toContain(token);
    const stored = await sql<{ token_hash: string }>`select token_hash from account_tokens`.execute(database.db);
    expect(JSON.stringify(stored.rows)).not.toContain(token);

    // Looking at the link changes nothing; using it verifies; using it again is refused calmly.
    expect(await (await member()).auth.verificationLink({ token })).toEqual({ valid: true });
    expect((await (await member()).me.get())!.emailVerified).toBe(false);
    expect((await failure((await member()).auth.verifyEmail({ token: token.slice(0, -1) + (token.endsWith("a") ? "b" : "a") }))).code).toBe("NOT_FOUND");
    await (await member()).auth.verifyEmail({ token });
    expect((await (await member()).me.get())!.emailVerified).toBe(true);
    expect((await failure((await member()).auth.verifyEmail({ token }))).code).toBe("CONFLICT");
    expect((await (await member()).vote.toggle({ objectiveId, supported: true })).supported).toBe(true);
  });

  it("resending is rate-limited; an expired link changes nothing", async () => {
    const visitor = await callerWithCookies(database, null);
    await visitor.caller.auth.signUp({ displayName: "Rhea Resend", email: "rhea@example.org", password: "a long enough password" });
    const member = () => callerFromCookies(database, visitor.cookies);
    // Sign-up sent one a moment ago: a resend within the minute is refused.
    expect((await failure((await member()).auth.resendVerification())).code).toBe("TOO_MANY_REQUESTS");
    const [mail] = await mailTo("rhea@example.org");
    const token = linkIn(mail!.text, "/verify-email");
    await sql`update account_tokens set expires_at = now() - interval '1 minute', created_at = now() - interval '2 days'`.execute(database.db);
    expect((await (await member()).auth.verificationLink({ token })).valid).toBe(false);
    expect((await failure((await member()).auth.verifyEmail({ token }))).code).toBe("CONFLICT");
    expect((await (await member()).me.get())!.emailVerified).toBe(false);
    // A minute later a new link goes out, and it works.
    await (await member()).auth.resendVerification();
    const mails = await mailTo("rhea@example.org", 2);
    await (await member()).auth.verifyEmail({ token: linkIn(mails[1]!.text, "/verify-email") });
    expect((await (await member()).me.get())!.emailVerified).toBe(true);
  });

  it("changing the address needs the password, re-verifies, and tells the old address", async () => {
    const visitor = await callerWithCookies(database, null);
    await visitor.caller.auth.signUp({ displayName: "Cass Change", email: "cass.old@example.org", password: "a long enough password" });
    const member = () => callerFromCookies(database, visitor.cookies);
    await (await member()).auth.verifyEmail({ token: linkIn((await mailTo("cass.old@example.org"))[0]!.text, "/verify-email") });

    expect((await failure((await member()).account.changeEmail({ email: "cass.new@example.org", password: "wrong password" }))).code).toBe("BAD_REQUEST");
    expect((await failure((await member()).account.changeEmail({ email: "vera@example.org", password: "a long enough password" }))).code).toBe("CONFLICT");
    await (await member()).account.changeEmail({ email: "cass.new@example.org", password: "a long enough password" });
    expect((await (await member()).me.get())!.emailVerified).toBe(false);
    expect((await failure((await member()).stance.set({ objectiveId, stance: "neutral" } as never))).code).toBe("FORBIDDEN");
    const told = await mailTo("cass.old@example.org", 2);
    expect(told[1]!.subject).toBe("The email address of your account changed");
    expect(told[1]!.text).toContain("ca***@example.org");
    // The verification link mailed to the old address no longer verifies the new one.
    const fresh = (await mailTo("cass.new@example.org"))[0]!;
    await (await member()).auth.verifyEmail({ token: linkIn(fresh.text, "/verify-email") });
    expect((await (await member()).me.get())!.emailVerified).toBe(true);
  });

  it("demo-style and invited accounts count as verified (makeUser is such an account)", async () => {
    const user = await makeUser(database);
    expect((await (await callerAs(database, user)).me.get())!.emailVerified).toBe(true);
    const unverified = await makeUser(database, { verified: false });
    expect((await failure((await callerAs(database, unverified)).vote.toggle({ objectiveId, supported: true }))).code).toBe("FORBIDDEN");
  });

  it("forgot password: same answer for any address; the link resets once, ends every session and tells the member", async () => {
    const visitor = await callerWithCookies(database, null);
    await visitor.caller.auth.signUp({ displayName: "Pia Reset", email: "pia@example.org", password: "the old long password" });
    const oldSession = () => callerFromCookies(database, visitor.cookies);
    const anon = await callerAs(database, null, { ip: "198.51.100.20" });

    expect(await anon.auth.requestPasswordReset({ email: "nobody@example.org" })).toEqual({ accepted: true });
    expect(await anon.auth.requestPasswordReset({ email: "PIA@example.org" })).toEqual({ accepted: true });
    const reset = (await mailTo("pia@example.org", 2)).find((m) => m.subject === "Reset your password")!;
    expect(smtp.to("nobody@example.org")).toHaveLength(0);
    const token = linkIn(reset.text, "/reset-password");

    // Same strength rules as sign-up.
    const weak = await failure(anon.auth.resetPassword({ token, newPassword: "short" }));
    expect(weak.code).toBe("BAD_REQUEST");
    expect(await anon.auth.resetLink({ token })).toEqual({ valid: true });
    // Tampered: refused, nothing changes.
    expect((await failure(anon.auth.resetPassword({ token: `${token}x`, newPassword: "a brand new password" }))).code).toBe("NOT_FOUND");
    expect(await (await oldSession()).me.get()).not.toBeNull();

    await anon.auth.resetPassword({ token, newPassword: "a brand new password" });
    expect(await (await oldSession()).me.get()).toBeNull();
    expect((await failure(anon.auth.resetPassword({ token, newPassword: "yet another password" }))).code).toBe("CONFLICT");
    await expect(anon.auth.signIn({ email: "pia@example.org", password: "the old long password" })).rejects.toThrow();
    await anon.auth.signIn({ email: "pia@example.org", password: "a brand new password" });
    const told = (await mailTo("pia@example.org", 3)).find((m) => m.subject === "Your password was changed");
    expect(told?.text).toContain("signed out");
  });

  it("reset requests are limited per address and per client IP, counted even for unknown addresses", async () => {
    const now = new Date();
    for (let i = 0; i < 3; i += 1)
      await requestPasswordReset(database.db, { email: "limit@example.org", ip: `192.0.2.${i}`, origin: "http://portal.test" }, now);
    expect((await failure((await callerAs(database, null, { ip: "192.0.2.50" })).auth.requestPasswordReset({ email: "limit@example.org" }))).code).toBe(
      "TOO_MANY_REQUESTS",
    );
    const sameIp = await callerAs(database, null, { ip: "192.0.2.99" });
    for (let i = 0; i < 10; i += 1) await sameIp.auth.requestPasswordReset({ email: `someone${i}@example.org` });
    expect((await failure(sameIp.auth.requestPasswordReset({ email: "fresh@example.org" }))).code).toBe("TOO_MANY_REQUESTS");
    // Hostile input: a clear refusal, never a 500.
    expect((await failure(sameIp.auth.requestPasswordReset({ email: "x".repeat(5_000) }))).code).toBe("BAD_REQUEST");
    expect((await failure(sameIp.auth.verifyEmail({ token: "\u0000".repeat(50) }))).code).toMatch(/BAD_REQUEST|NOT_FOUND/);
  });
});
