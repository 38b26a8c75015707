import { readFileSync } from "node:fs";
import { NOTIFY_QUEUE, PLAN_SEED_PATH, sql, type User } from "@planpulse/db";
import { insertNotifications } from "./queries";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComment } from "../comments/create-comment";
import { flagComment } from "../comments/flag-comment";
import { startMailTestbed, type MailTestbed } from "../mail/mail-testbed";
import type { MailWorker } from "../mail/mailer";
import type { TestSmtpServer } from "../mail/smtp-test-server";
import { importPlan } from "../plan/import-plan";
import { postOfficialResponse } from "../responses/post-staff-response";
import { configureNotificationMail, lastDigestTime, runNotificationMail, startNotificationMail } from "./notification-mail";
import { getNotificationSettings, updateNotificationSettings } from "./preferences";
import { checkUnsubscribeToken, unsubscribeToken, unsubscribeWithToken } from "./unsubscribe";

describe("digest times", () => {
  const now = new Date("2026-12-01T18:00:00Z"); // Tuesday in UTC, Wednesday 07:00 in Auckland
  it("are 08:00 in the member's time zone, Monday for weekly, across a DST change", () => {
    expect(lastDigestTime("daily", "UTC", now).toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(lastDigestTime("weekly", "UTC", now).toISOString()).toBe("2026-11-30T08:00:00.000Z");
    expect(lastDigestTime("daily", "Pacific/Auckland", now).toISOString()).toBe("2026-11-30T19:00:00.000Z");
    expect(lastDigestTime("weekly", "Pacific/Auckland", now).toISOString()).toBe("2026-11-29T19:00:00.000Z");
    // New York moved to summer time on 8 March 2026: 08:00 EDT is 12:00 UTC.
    expect(lastDigestTime("daily", "America/New_York", new Date("2026-03-09T13:00:00Z")).toISOString()).toBe("2026-03-09T12:00:00.000Z");
    expect(lastDigestTime("daily", "America/New_York", new Date("2026-03-07T13:00:00Z")).toISOString()).toBe("2026-03-07T13:00:00.000Z");
  });
});

let counter = 0;
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe.each(testDrivers())("notification mail on %s", (driver) => {
  let database: TestDatabase;
  let mail: MailTestbed;
  let smtp: TestSmtpServer;
  let mailWorker: MailWorker;
  const slug = "advocacy-3";
  const otherSlug = "advocacy-1";

  async function member(name: string, extra: Partial<User> = {}): Promise<User> {
    counter += 1;
    const created = await insertUser(database.db, {
      email: `${name.toLowerCase()}-${counter}-${Date.now().toString(36)}@example.org`,
      display_name: `${name} ${counter}`,
      password_hash: null,
      email_verified_at: new Date(),
      ...extra,
    });
    return created!;
  }
  const inbox = (user: User) => smtp.to(user.email);
  const waitForMail = (user: User, count: number) => expect.poll(() => inbox(user).length, { timeout: 20_000 }).toBe(count);
  const pendingFor = async (user: User) =>
    (await database.db.selectFrom("notifications").select(["kind", "mail_state"]).where("user_id", "=", user.id).orderBy("id").execute()).map(
      (r) => `${r.kind}:${r.mail_state}`,
    );

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, readFileSync(PLAN_SEED_PATH, "utf8"));
    configureNotificationMail({ portalOrigin: "http://portal.test", adminOrigin: "http://admin.test", coalesceSeconds: 120 });
    mail = await startMailTestbed(database.db);
    smtp = mail.smtp;
    mailWorker = mail.worker;
  }, 120_000);
  afterAll(async () => {
    await mail?.stop();
    configureNotificationMail({ coalesceSeconds: 120 });
    await database?.dispose();
  });

  it("coalesces replies within the window into one message, sent once, with both parts, the footer and RFC 8058 headers", async () => {
    const ann = await member("Ann");
    const ben = await member("Ben");
    const top = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Where does the money go?" });
    await createComment(database.db, { authorId: ben.id, objectiveSlug: slug, body: "To the rangers.", parentId: top.id });
    await createComment(database.db, { authorId: ben.id, objectiveSlug: slug, body: "And the boats.", parentId: top.id });
    // A job waits for the end of the window; nothing is sent before it.
    const jobs = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = ${NOTIFY_QUEUE} and state = 'created'`.execute(database.db);
    expect(jobs.rows[0]!.n).toBe(1);
    expect((await runNotificationMail(database.db)).messages).toBe(0);
    expect(await pendingFor(ann)).toEqual(["comment_reply:pending", "comment_reply:pending"]);

    const run = await runNotificationMail(database.db, { now: later(121) });
    expect(run.messages).toBeGreaterThanOrEqual(1);
    await waitForMail(ann, 1);
    // Run again (a retry, another process): nothing goes twice.
    await runNotificationMail(database.db, { now: later(300) });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(inbox(ann)).toHaveLength(1);
    expect(await pendingFor(ann)).toEqual(["comment_reply:sent", "comment_reply:sent"]);

    const mail = inbox(ann)[0]!;
    expect(mail.subject).toBe("2 new notifications");
    expect(mail.text.match(/replied to your comment/g)).toHaveLength(2);
    expect(mail.text).toContain("“Replies to my comments” is set to at once");
    expect(mail.text).toContain("http://portal.test/me/notifications/settings");
    expect(mail.html).toContain("Unsubscribe</a>");
    const header = mail.rawHeader("list-unsubscribe") ?? "";
    expect(header).toMatch(/^<http:\/\/portal\.test\/unsubscribe\?token=v1\.\d+\.replies\.\d+\.[\w-]{43}>$/);
    expect(mail.rawHeader("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain(header.slice(1, -1));
    // The outbox (what admins see) keeps no working unsubscribe link.
    const kept = await database.db.selectFrom("outbox").select(["body", "html"]).where("user_id", "=", ann.id).executeTakeFirstOrThrow();
    expect(kept.body).not.toContain("token=");
    expect(kept.html).not.toContain("token=");
  });

  it("groups a digest by objective, in the member's time zone, and sends it only when it is due", async () => {
    const cara = await member("Cara", { time_zone: "Pacific/Auckland" });
    const dan = await member("Dan");
    const staff = await member("Staff", { role: "admin" });
    for (const s of [slug, otherSlug]) await createComment(database.db, { authorId: cara.id, objectiveSlug: s, body: `Cara follows ${s}` });
    await updateNotificationSettings(
      database.db,
      cara.id,
      { preferences: { followed_comments: "daily", staff_responses: "daily" } },
      { allowed: ["followed_comments", "staff_responses"] },
    );
    await createComment(database.db, { authorId: dan.id, objectiveSlug: slug, body: "Dan's thought on the first" });
    await createComment(database.db, { authorId: dan.id, objectiveSlug: otherSlug, body: "Dan's thought on the second" });
    await postOfficialResponse(database.db, staff, { objectiveSlug: slug, body: "Our answer." });
    expect(await pendingFor(cara)).toEqual(["followed_comment:pending", "followed_comment:pending", "official_response:pending"]);

    // Past the coalescing window but before the next 08:00 in Auckland: still waiting.
    const nextEight = lastDigestTime("daily", "Pacific/Auckland", later(24 * 3600));
    const justBefore = new Date(nextEight.getTime() - 60_000);
    if (justBefore.getTime() > Date.now()) {
      await runNotificationMail(database.db, { now: justBefore, digests: true });
      expect(await pendingFor(cara)).toEqual(["followed_comment:pending", "followed_comment:pending", "official_response:pending"]);
    }
    const run = await runNotificationMail(database.db, { now: new Date(nextEight.getTime() + 60_000), digests: true });
    expect(run.digests).toBeGreaterThanOrEqual(1);
    await waitForMail(cara, 1);
    const digest = inbox(cara)[0]!;
    expect(digest.subject).toBe("Your daily digest: 3 updates");
    const objectives = await database.db.selectFrom("objectives").select(["slug", "text"]).where("slug", "in", [slug, otherSlug]).execute();
    for (const o of objectives) expect(digest.text).toContain(`http://portal.test/objectives/${o.slug}`);
    // Lines carry the time of day in Auckland (UTC+12/13), never UTC's.
    const auckland = new Intl.DateTimeFormat("en-GB", { timeZone: "Pacific/Auckland", hour: "2-digit", minute: "2-digit" }).format(new Date());
    expect(digest.text).toContain(auckland.slice(0, 2));
    // Grouped: the official response sits under its objective with the comment on it.
    const first = digest.text.indexOf(`objectives/${slug}`);
    const second = digest.text.indexOf(`objectives/${otherSlug}`);
    const response = digest.text.indexOf("posted an official response");
    expect(response).toBeGreaterThan(Math.min(first, second));
    expect(first < second ? response < second : response > first).toBe(true);
    expect(await pendingFor(cara)).toEqual(["followed_comment:sent", "followed_comment:sent", "official_response:sent"]);
  });

  it("follows the defaults (followed objectives weekly), sends weekly digests on `--now`, and never mails 'off' or unconfirmed accounts", async () => {
    const eve = await member("Eve");
    const fay = await member("Fay");
    const unconfirmed = await member("Gus", { email_verified_at: null });
    const poster = await member("Poster");
    for (const u of [eve, fay, unconfirmed]) await createComment(database.db, { authorId: u.id, objectiveSlug: otherSlug, body: `I follow this (${u.id})` });
    expect((await getNotificationSettings(database.db, eve.id)).preferences).toMatchObject({
      replies: "immediate",
      mentions: "immediate",
      followed_comments: "weekly",
      moderation: "immediate",
    });
    await updateNotificationSettings(database.db, fay.id, { preferences: { followed_comments: "off" } }, { allowed: ["followed_comments"] });
    await createComment(database.db, { authorId: poster.id, objectiveSlug: otherSlug, body: "Something new" });
    await runNotificationMail(database.db, { now: later(121) });
    expect(await pendingFor(eve)).toContain("followed_comment:pending");
    expect(await pendingFor(fay)).toContain("followed_comment:skipped");
    expect(await pendingFor(unconfirmed)).toContain("followed_comment:skipped");
    await runNotificationMail(database.db, { force: true });
    await waitForMail(eve, 1);
    expect(inbox(eve)[0]!.subject).toMatch(/^Your weekly digest/);
    expect(inbox(fay)).toHaveLength(0);
    expect(inbox(unconfirmed)).toHaveLength(0);
  });

  it("mails any kind written through insertNotifications (a mention) per the member's preference, with no other change", async () => {
    const hal = await member("Hal");
    const ivy = await member("Ivy");
    const objective = await database.db.selectFrom("objectives").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    await insertNotifications(database.db, [{ user_id: hal.id, kind: "mention", objective_id: objective.id, comment_id: null, actor_id: ivy.id }]);
    await runNotificationMail(database.db, { now: later(121) });
    await waitForMail(hal, 1);
    expect(inbox(hal)[0]!.subject).toBe(`${ivy.display_name} mentioned you in a comment`);
    expect(inbox(hal)[0]!.rawHeader("list-unsubscribe")).toContain(".mentions.");
  });

  it("alerts moderators of new flags per their alert setting, and only moderators", async () => {
    const mod = await member("Mod", { role: "moderator" });
    const author = await member("Author");
    const flagger = await member("Flagger");
    await updateNotificationSettings(database.db, mod.id, { preferences: { moderator_alerts: "immediate" } }, { allowed: ["moderator_alerts"] });
    const comment = await createComment(database.db, { authorId: author.id, objectiveSlug: slug, body: "Buy cheap boats at example.com" });
    await flagComment(database.db, { userId: flagger.id, commentId: comment.id, reason: "spam" });
    expect(await pendingFor(mod)).toEqual(["comment_flagged:pending"]);
    expect(await pendingFor(flagger)).not.toContain("comment_flagged:pending");
    await runNotificationMail(database.db, { now: later(121) });
    await waitForMail(mod, 1);
    expect(inbox(mod)[0]!.text).toContain("http://admin.test/moderation");
    expect(inbox(mod)[0]!.text).toContain("http://admin.test/moderation/alerts");
  });

  it("sends within the window through the real worker and queue", async () => {
    configureNotificationMail({ coalesceSeconds: 1 });
    const boss = mailWorker.boss;
    await startNotificationMail(boss, database.db, { pollingIntervalSeconds: 0.5 });
    const joe = await member("Joe");
    const kim = await member("Kim");
    const top = await createComment(database.db, { authorId: joe.id, objectiveSlug: slug, body: "Who answers?" });
    await createComment(database.db, { authorId: kim.id, objectiveSlug: slug, body: "I do.", parentId: top.id });
    await waitForMail(joe, 1);
    expect(inbox(joe)[0]!.subject).toBe(`${kim.display_name} replied to your comment`);
    await boss.offWork(NOTIFY_QUEUE);
    configureNotificationMail({ coalesceSeconds: 120 });
  });

  describe("unsubscribe tokens", () => {
    it("turn off exactly the preference they name, once; replays, tampering, other kinds, expiry and deleted accounts change nothing", async () => {
      const lea = await member("Lea");
      const token = await unsubscribeToken(database.db, lea.id, "progress");
      expect(await checkUnsubscribeToken(database.db, token)).toMatchObject({ state: "valid", userId: lea.id, scope: "progress", alreadyOff: false });
      expect(await unsubscribeWithToken(database.db, token)).toMatchObject({ state: "valid", alreadyOff: false });
      let prefs = (await getNotificationSettings(database.db, lea.id)).preferences;
      expect(prefs.progress).toBe("off");
      expect(prefs.replies).toBe("immediate");
      // Replayed: it says so and changes nothing more.
      const audits = async () =>
        (
          await database.db
            .selectFrom("audit_log")
            .select("id")
            .where("action", "=", "notification.unsubscribe")
            .where("target_id", "=", String(lea.id))
            .execute()
        ).length;
      expect(await audits()).toBe(1);
      expect(await unsubscribeWithToken(database.db, token)).toMatchObject({ state: "valid", alreadyOff: true });
      expect(await audits()).toBe(1);

      // Tampered: another member, another kind, every preference, a changed signature, a later day.
      const [, , , day, signature] = token.split(".");
      const other = await member("Other");
      const forged = [
        `v1.${other.id}.progress.${day}.${signature}`,
        `v1.${lea.id}.replies.${day}.${signature}`,
        `v1.${lea.id}.all.${day}.${signature}`,
        `v1.${lea.id}.progress.${Number(day) + 1}.${signature}`,
        token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"),
        "",
        "v1.1.all.1.x",
        "x".repeat(100_000),
        `v1.99999999999.all.${day}.${signature}`,
        `v1.${lea.id}.nonsense.${day}.${signature}`,
      ];
      for (const bad of forged) expect(await unsubscribeWithToken(database.db, bad)).toEqual({ state: "invalid" });
      prefs = (await getNotificationSettings(database.db, lea.id)).preferences;
      expect(prefs).toMatchObject({ replies: "immediate", mentions: "immediate", progress: "off" });
      expect((await getNotificationSettings(database.db, other.id)).preferences.progress).toBe("weekly");

      // A token for one kind never turns off another.
      const replies = await unsubscribeToken(database.db, other.id, "replies");
      await unsubscribeWithToken(database.db, replies);
      expect((await getNotificationSettings(database.db, other.id)).preferences).toMatchObject({ replies: "off", mentions: "immediate", progress: "weekly" });

      // Too old.
      expect(await unsubscribeWithToken(database.db, await unsubscribeToken(database.db, other.id, "all"), later(400 * 86_400))).toEqual({ state: "expired" });
      expect((await getNotificationSettings(database.db, other.id)).preferences.mentions).toBe("immediate");

      // A deleted account: calm, and nothing written.
      const gone = await member("Gone");
      const goneToken = await unsubscribeToken(database.db, gone.id, "all");
      await database.db.updateTable("users").set({ deleted_at: new Date() }).where("id", "=", gone.id).execute();
      expect(await unsubscribeWithToken(database.db, goneToken)).toEqual({ state: "gone" });
      expect(await database.db.selectFrom("notification_preferences").select("preference").where("user_id", "=", gone.id).execute()).toEqual([]);
    });
  });
});
