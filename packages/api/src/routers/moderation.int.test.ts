import { readFileSync } from "node:fs";
import { importPlan, postProgressUpdate } from "@planpulse/core";
import { PLAN_SEED_PATH, type User } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs, failure, makeUser, type TestCaller } from "../testing";

describe.each(testDrivers())("moderation, responses and notifications on %s", (driver) => {
  let database: TestDatabase;
  let admin: User;
  let moderator: User;
  let adminCaller: TestCaller;
  let modCaller: TestCaller;
  let objectives: Array<{ id: number; slug: string; domain_id: number }>;
  let domains: Array<{ id: number; slug: string }>;

  const comment = (id: number) => database.db.selectFrom("comments").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const auditCount = async () =>
    Number(
      (
        await database.db
          .selectFrom("audit_log")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const notificationsOf = (userId: number) => database.db.selectFrom("notifications").selectAll().where("user_id", "=", userId).orderBy("id").execute();
  const as = async (user: User) => callerAs(database, user);
  const newMember = async () => {
    const user = await makeUser(database);
    return { user, caller: await as(user) };
  };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, readFileSync(PLAN_SEED_PATH, "utf8"));
    objectives = await database.db.selectFrom("objectives").select(["id", "slug", "domain_id"]).orderBy("id").execute();
    domains = await database.db.selectFrom("domains").select(["id", "slug"]).orderBy("position").execute();
    admin = await makeUser(database, { role: "admin" });
    moderator = await makeUser(database, { role: "moderator" });
    adminCaller = await as(admin);
    modCaller = await as(moderator);
  });
  afterAll(() => database.dispose());

  describe("hold rules", () => {
    it("does not hold a first post while the setting is off (the default)", async () => {
      const { caller } = await newMember();
      const created = await caller.comment.create({ objectiveSlug: objectives[0]!.slug, body: "My very first comment." });
      expect(created.status).toBe("visible");
    });

    it("holds a member's first post once an admin turns the setting on, until one is approved", async () => {
      const refused = await failure(modCaller.moderation.updateSettings({ holdFirstPosts: true, watchWords: [] }));
      expect(refused.code).toBe("FORBIDDEN");
      expect((await adminCaller.moderation.settings()).holdFirstPosts).toBe(false);

      await adminCaller.moderation.updateSettings({ holdFirstPosts: true, watchWords: [] });
      const { caller } = await newMember();
      const first = await caller.comment.create({ objectiveSlug: objectives[0]!.slug, body: "Hello, first time here." });
      expect(first.status).toBe("held");
      expect((await comment(first.id)).held_reason).toMatch(/First post/);
      const second = await caller.comment.create({ objectiveSlug: objectives[0]!.slug, body: "And a second one." });
      expect(second.status).toBe("held");
      await modCaller.moderation.approve({ commentIds: [first.id] });
      const third = await caller.comment.create({ objectiveSlug: objectives[0]!.slug, body: "Now I am known." });
      expect(third.status).toBe("visible");
      // Staff are never held.
      const staff = await makeUser(database, { role: "staff" });
      await database.db.insertInto("staff_domain_assignments").values({ user_id: staff.id, domain_id: objectives[0]!.domain_id }).execute();
      const official = await (await as(staff)).response.official({ objectiveSlug: objectives[0]!.slug, body: "Welcome, everyone." });
      expect((await comment(official.id)).status).toBe("visible");
      await adminCaller.moderation.updateSettings({ holdFirstPosts: false, watchWords: [] });
    });

    it("holds a comment with more than three links, not one with three", async () => {
      const { caller } = await newMember();
      const three = await caller.comment.create({ objectiveSlug: objectives[1]!.slug, body: "See https://a.org https://b.org and www.c.org" });
      expect(three.status).toBe("visible");
      const four = await caller.comment.create({ objectiveSlug: objectives[1]!.slug, body: "https://a.org https://b.org http://c.org www.d.org" });
      expect(four.status).toBe("held");
      expect((await comment(four.id)).held_reason).toMatch(/4 links/);
    });

    it("holds a whole-word, any-case match of the staff word list, and nothing else", async () => {
      await modCaller.moderation.updateSettings({ holdFirstPosts: false, watchWords: ["Scam", "cheap pills"] });
      expect((await modCaller.moderation.settings()).watchWords).toEqual(["scam", "cheap pills"]);
      const { caller } = await newMember();
      const hit = await caller.comment.create({ objectiveSlug: objectives[1]!.slug, body: "This is a SCAM, really." });
      const phrase = await caller.comment.create({ objectiveSlug: objectives[1]!.slug, body: "buy Cheap Pills today" });
      const partial = await caller.comment.create({ objectiveSlug: objectives[1]!.slug, body: "Scammers are not the topic; scamp is a word." });
      expect(hit.status).toBe("held");
      expect(phrase.status).toBe("held");
      expect(partial.status).toBe("visible");
      expect((await comment(hit.id)).held_reason).toMatch(/“scam”/);
      await modCaller.moderation.updateSettings({ holdFirstPosts: false, watchWords: [] });
    });
    it("an edit goes through the hold rules again: a clean comment edited to a watch word and 5 links is held, not public", async () => {
      await modCaller.moderation.updateSettings({ holdFirstPosts: false, watchWords: ["scam"] });
      const { caller } = await newMember();
      const viewer = await newMember();
      const slug = objectives[3]!.slug;
      const clean = await caller.comment.create({ objectiveSlug: slug, body: "A clean, ordinary remark." });
      expect(clean.status).toBe("visible");
      const spam = "Total scam: https://a.example https://b.example https://c.example https://d.example https://e.example";
      await caller.comment.update({ commentId: clean.id, body: spam });
      const after = await comment(clean.id);
      expect(after.status).toBe("held");
      expect(after.held_reason).toMatch(/5 links/);
      expect(after.held_reason).toMatch(/“scam”/);
      // Others no longer see it; it waits in the moderation queue.
      const seen = await viewer.caller.comment.list({ objectiveSlug: slug });
      expect(seen.comments.map((c) => c.id)).not.toContain(clean.id);
      expect((await modCaller.moderation.queue({ view: "queue" })).items.map((i) => i.commentId)).toContain(clean.id);
      // Replay: editing again (even back to clean text) does not release it; a moderator must.
      await caller.comment.update({ commentId: clean.id, body: "A clean, ordinary remark again." });
      expect((await comment(clean.id)).status).toBe("held");
      // Only the watch word, or only the links, is enough on its own.
      const second = await caller.comment.create({ objectiveSlug: slug, body: "Another clean one." });
      await caller.comment.update({ commentId: second.id, body: "links https://a.example https://b.example https://c.example https://d.example" });
      expect((await comment(second.id)).status).toBe("held");
      const reply = await caller.comment.create({ objectiveSlug: slug, body: "A clean reply.", parentId: second.id });
      await caller.comment.update({ commentId: reply.id, body: "what a SCAM" });
      expect((await comment(reply.id)).status).toBe("held");
      await modCaller.moderation.updateSettings({ holdFirstPosts: false, watchWords: [] });
    });
  });

  describe("approve, hide and restore", () => {
    it("shows a flagged comment in the queue with its reasons, and approving resolves the flags", async () => {
      const author = await newMember();
      const created = await author.caller.comment.create({ objectiveSlug: objectives[2]!.slug, body: "A perfectly fine opinion." });
      for (const reason of ["spam", "spam", "abuse"] as const) {
        await (await newMember()).caller.comment.flag({ commentId: created.id, reason });
      }
      const queue = await modCaller.moderation.queue({ view: "queue" });
      const item = queue.items.find((i) => i.commentId === created.id);
      expect(item?.flagCounts).toEqual([
        { reason: "spam", count: 2 },
        { reason: "abuse", count: 1 },
      ]);
      expect(item?.author).toMatchObject({ id: author.user.id, comments: 1, flagsAgainst: 3, hidden: 0 });
      expect(queue.items[0]!.commentId).toBe(created.id); // newest risk first

      await modCaller.moderation.approve({ commentIds: [created.id], note: "Fine" });
      const open = await database.db.selectFrom("comment_flags").select("id").where("comment_id", "=", created.id).where("resolved_at", "is", null).execute();
      expect(open).toHaveLength(0);
      expect((await modCaller.moderation.queue({ view: "queue" })).items.some((i) => i.commentId === created.id)).toBe(false);
      // Nothing left to approve: a clear conflict.
      expect((await failure(modCaller.moderation.approve({ commentIds: [created.id] }))).code).toBe("CONFLICT");
    });

    it("hides with a reason, refuses to hide twice without changing anything, and restores", async () => {
      const author = await newMember();
      const other = await newMember();
      const created = await author.caller.comment.create({ objectiveSlug: objectives[2]!.slug, body: "Something rude." });
      expect((await failure(modCaller.moderation.hide({ commentIds: [created.id], reason: "" }))).code).toBe("BAD_REQUEST");
      expect((await failure(author.caller.moderation.hide({ commentIds: [created.id], reason: "I am not a moderator" }))).code).toBe("FORBIDDEN");

      await modCaller.moderation.hide({ commentIds: [created.id], reason: "Personal attack" });
      const hidden = await comment(created.id);
      expect(hidden).toMatchObject({ status: "hidden", hidden_reason: "Personal attack", moderated_by: moderator.id });

      const auditBefore = await auditCount();
      const twice = await failure(adminCaller.moderation.hide({ commentIds: [created.id], reason: "Another reason" }));
      expect(twice.code).toBe("CONFLICT");
      expect(twice.message).toMatch(/already hidden/);
      expect(await comment(created.id)).toEqual(hidden);
      expect(await auditCount()).toBe(auditBefore);

      // The author sees why; others see only that moderators hid it.
      const mine = await author.caller.comment.list({ objectiveSlug: objectives[2]!.slug });
      expect(mine.comments.find((c) => c.id === created.id)).toMatchObject({ state: "hidden", hiddenReason: "Personal attack" });
      const theirs = await other.caller.comment.list({ objectiveSlug: objectives[2]!.slug });
      expect(theirs.comments.find((c) => c.id === created.id)).toMatchObject({ state: "hidden", hiddenReason: null, body: null });

      const hiddenView = await modCaller.moderation.queue({ view: "hidden" });
      expect(hiddenView.items.some((i) => i.commentId === created.id)).toBe(true);

      await adminCaller.moderation.restore({ commentId: created.id, note: "On reflection, fair criticism" });
      expect(await comment(created.id)).toMatchObject({ status: "visible", hidden_reason: null });
      expect((await failure(adminCaller.moderation.restore({ commentId: created.id }))).code).toBe("CONFLICT");

      const audit = await database.db
        .selectFrom("audit_log")
        .selectAll()
        .where("target_type", "=", "comment")
        .where("target_id", "=", String(created.id))
        .orderBy("id")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["comment.hide", "comment.restore"]);
      expect(audit[0]).toMatchObject({
        reason: "Personal attack",
        before: expect.objectContaining({ status: "visible" }),
        after: expect.objectContaining({ status: "hidden" }),
      });

      const kinds = (await notificationsOf(author.user.id)).map((n) => n.kind);
      expect(kinds).toEqual(["comment_hidden", "comment_restored"]);
      expect(await notificationsOf(other.user.id)).toHaveLength(0);
      // The moderator hears of the flags (moderator alerts, decision 020), never of the outcome it decided.
      const moderatorKinds = (await notificationsOf(moderator.id)).map((n) => n.kind);
      expect(moderatorKinds.filter((kind) => kind !== "comment_flagged" && kind !== "comment_held")).toEqual([]);
    });

    it("bulk actions are all or nothing, and a missing comment is a clear 404", async () => {
      const { caller } = await newMember();
      const a = await caller.comment.create({ objectiveSlug: objectives[3]!.slug, body: "First of a pair." });
      const b = await caller.comment.create({ objectiveSlug: objectives[3]!.slug, body: "Second of a pair." });
      await modCaller.moderation.hide({ commentIds: [b.id], reason: "Duplicate post" });
      const mixed = await failure(modCaller.moderation.hide({ commentIds: [a.id, b.id], reason: "Bulk clean-up" }));
      expect(mixed.code).toBe("CONFLICT");
      expect((await comment(a.id)).status).toBe("visible");
      expect((await failure(modCaller.moderation.hide({ commentIds: [a.id, 99_999_999], reason: "Bulk clean-up" }))).code).toBe("NOT_FOUND");
      expect((await comment(a.id)).status).toBe("visible");
      expect((await failure(modCaller.moderation.restore({ commentId: 99_999_999 }))).code).toBe("NOT_FOUND");

      const c = await caller.comment.create({ objectiveSlug: objectives[3]!.slug, body: "Third one." });
      const result = await modCaller.moderation.hide({ commentIds: [a.id, c.id], reason: "Bulk clean-up" });
      expect(result.hidden.sort()).toEqual([a.id, c.id].sort());
    });
  });

  describe("locks and suspensions", () => {
    it("a locked discussion takes no new member comments until unlocked", async () => {
      const { caller } = await newMember();
      const objective = objectives[4]!;
      await modCaller.moderation.lock({ objectiveId: objective.id, locked: true, reason: "Cooling off" });
      expect((await failure(modCaller.moderation.lock({ objectiveId: objective.id, locked: true }))).code).toBe("CONFLICT");
      const refused = await failure(caller.comment.create({ objectiveSlug: objective.slug, body: "Can I still post?" }));
      expect(refused.code).toBe("CONFLICT");
      expect(await database.db.selectFrom("comments").select("id").where("objective_id", "=", objective.id).execute()).toHaveLength(0);
      expect((await modCaller.moderation.restrictions()).lockedObjectives.map((o) => o.slug)).toContain(objective.slug);
      await modCaller.moderation.lock({ objectiveId: objective.id, locked: false });
      expect((await caller.comment.create({ objectiveSlug: objective.slug, body: "Open again." })).status).toBe("visible");
      expect((await failure(modCaller.moderation.lock({ objectiveId: 99_999_999, locked: true }))).code).toBe("NOT_FOUND");
    });

    it("suspending a member revokes every session and blocks writes; they can still read", async () => {
      const user = await makeUser(database);
      await as(user);
      await as(user);
      expect(await database.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toHaveLength(2);
      await modCaller.moderation.suspend({ userId: user.id, reason: "Repeated abuse" });
      expect(await database.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
      const suspendedUser = await database.db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
      const again = await as(suspendedUser);
      expect((await again.me.get())?.suspended).toBe(true);
      expect((await again.comment.list({ objectiveSlug: objectives[0]!.slug })).comments.length).toBeGreaterThan(0);
      expect((await failure(again.comment.create({ objectiveSlug: objectives[0]!.slug, body: "Let me in" }))).code).toBe("FORBIDDEN");
      expect((await failure(modCaller.moderation.suspend({ userId: user.id, reason: "Again" }))).code).toBe("CONFLICT");
      expect((await failure(modCaller.moderation.suspend({ userId: admin.id, reason: "Not allowed" }))).code).toBe("FORBIDDEN");
      await modCaller.moderation.reinstate({ userId: user.id });
      const back = await as(await database.db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow());
      expect((await back.comment.create({ objectiveSlug: objectives[0]!.slug, body: "Thanks for having me back" })).status).toBe("visible");
      const actions = await database.db
        .selectFrom("audit_log")
        .select(["action", "reason"])
        .where("target_type", "=", "user")
        .where("target_id", "=", String(user.id))
        .orderBy("id")
        .execute();
      expect(actions).toEqual([
        { action: "user.suspend", reason: "Repeated abuse" },
        { action: "user.reinstate", reason: null },
      ]);
    });
  });

  describe("official responses and the response-needed queue", () => {
    it("lists unanswered member comments oldest first, per domain, and respects staff domains", async () => {
      const [domainA, domainB] = [domains[1]!, domains[2]!];
      const objectiveA = objectives.find((o) => o.domain_id === domainA.id)!;
      const objectiveB = objectives.find((o) => o.domain_id === domainB.id)!;
      const staff = await makeUser(database, { role: "staff" });
      await database.db.insertInto("staff_domain_assignments").values({ user_id: staff.id, domain_id: domainA.id }).execute();
      const staffCaller = await as(staff);
      const { caller } = await newMember();
      const older = await caller.comment.create({ objectiveSlug: objectiveA.slug, body: "Older question in A" });
      const inB = await caller.comment.create({ objectiveSlug: objectiveB.slug, body: "Question in B" });
      const newer = await caller.comment.create({ objectiveSlug: objectiveA.slug, body: "Newer question in A" });
      const reply = await caller.comment.create({ objectiveSlug: objectiveA.slug, body: "A member reply", parentId: older.id });

      const all = await adminCaller.response.queue({});
      const ids = all.items.map((i) => i.commentId);
      expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(inB.id));
      expect(ids.indexOf(inB.id)).toBeLessThan(ids.indexOf(newer.id));
      expect(ids).not.toContain(reply.id);
      const onlyB = await adminCaller.response.queue({ domainSlug: domainB.slug });
      expect(onlyB.items.map((i) => i.commentId)).toContain(inB.id);
      expect(onlyB.items.every((i) => i.domain.slug === domainB.slug)).toBe(true);

      const mine = await staffCaller.response.queue({});
      expect(mine.items.map((i) => i.commentId)).toEqual(expect.arrayContaining([older.id, newer.id]));
      expect(mine.items.map((i) => i.commentId)).not.toContain(inB.id);
      expect((await failure(staffCaller.response.queue({ domainSlug: domainB.slug }))).code).toBe("FORBIDDEN");
      expect((await failure(staffCaller.response.reply({ commentId: inB.id, body: "Not my domain" }))).code).toBe("FORBIDDEN");
      expect((await failure(staffCaller.response.official({ objectiveSlug: objectiveB.slug, body: "Not my domain" }))).code).toBe("FORBIDDEN");
      expect((await failure(modCaller.response.queue({}))).code).toBe("FORBIDDEN");
      expect((await failure(caller.response.reply({ commentId: older.id, body: "Members cannot" }))).code).toBe("FORBIDDEN");
      expect(await database.db.selectFrom("comments").select("id").where("body", "in", ["Not my domain", "Members cannot"]).execute()).toHaveLength(0);

      await staffCaller.response.reply({ commentId: older.id, body: "Thanks, we hear you." });
      const after = await staffCaller.response.queue({});
      expect(after.items.map((i) => i.commentId)).not.toContain(older.id);
      expect(after.items.map((i) => i.commentId)).toContain(newer.id);
    });

    it("records the time to first staff response once, and notifies only the right people", async () => {
      const domain = domains[3]!;
      const objective = objectives.find((o) => o.domain_id === domain.id)!;
      const staff = await makeUser(database, { role: "staff" });
      await database.db.insertInto("staff_domain_assignments").values({ user_id: staff.id, domain_id: domain.id }).execute();
      const staffCaller = await as(staff);
      const author = await newMember();
      const voter = await newMember();
      const explicit = await newMember();
      const quitter = await newMember();
      const bystander = await newMember();
      const question = await author.caller.comment.create({ objectiveSlug: objective.slug, body: "When will this start?" });
      await voter.caller.vote.toggle({ objectiveId: objective.id });
      await explicit.caller.notification.follow({ slug: objective.slug, follow: true });
      await quitter.caller.vote.toggle({ objectiveId: objective.id });
      await quitter.caller.notification.follow({ slug: objective.slug, follow: false });
      // What the objective page's Follow button shows (engagement.figures, the member's own row).
      const following = async (member: typeof voter) => (await member.caller.engagement.figures()).mine?.objectives[objective.id]?.following ?? false;
      expect(await following(voter)).toBe(true);
      expect(await following(quitter)).toBe(false);

      const first = await staffCaller.response.reply({ commentId: question.id, body: "Next spring." });
      const doubled = await failure(staffCaller.response.reply({ commentId: question.id, body: "Next spring." }));
      expect(doubled.code).toBe("CONFLICT");
      await adminCaller.response.reply({ commentId: question.id, body: "Adding detail: April." });
      const timings = await database.db.selectFrom("response_timings").selectAll().where("comment_id", "=", question.id).execute();
      expect(timings).toHaveLength(1);
      expect(timings[0]).toMatchObject({ response_id: first.id, responder_id: staff.id });
      expect(timings[0]!.seconds).toBeGreaterThanOrEqual(0);
      const objectiveRow = await database.db
        .selectFrom("objectives")
        .select("first_staff_response_at")
        .where("id", "=", objective.id)
        .executeTakeFirstOrThrow();
      expect(objectiveRow.first_staff_response_at).not.toBeNull();
      const times = await staffCaller.response.times();
      expect(times.answered).toBeGreaterThanOrEqual(1);
      expect(times.objectives.find((o) => o.slug === objective.slug)?.answered).toBe(1);

      const official = await staffCaller.response.official({ objectiveSlug: objective.slug, body: "Our official answer." });
      const listed = await bystander.caller.comment.list({ objectiveSlug: objective.slug });
      expect(listed.pinned.map((c) => c.id)).toContain(official.id);

      const kindsOf = async (userId: number) => (await notificationsOf(userId)).map((n) => n.kind);
      expect(await kindsOf(author.user.id)).toEqual(["staff_reply", "staff_reply", "official_response"]);
      // Followers hear of staff replies and official responses on the objective (decision 020).
      expect(await kindsOf(voter.user.id)).toEqual(["followed_staff_reply", "followed_staff_reply", "official_response"]);
      expect(await kindsOf(explicit.user.id)).toEqual(["followed_staff_reply", "followed_staff_reply", "official_response"]);
      expect(await kindsOf(quitter.user.id)).toEqual([]);
      expect(await kindsOf(bystander.user.id)).toEqual([]);
      expect(await kindsOf(staff.id)).toEqual([]);

      await postProgressUpdate(database.db, { id: staff.id, role: "staff" }, { objectiveId: objective.id, body: "Kick-off meeting held." });
      expect(await kindsOf(voter.user.id)).toEqual(["followed_staff_reply", "followed_staff_reply", "official_response", "progress_update"]);
      expect(await kindsOf(staff.id)).toEqual([]);

      const list = await author.caller.notification.list();
      expect(list.unread).toBe(4);
      expect(await author.caller.notification.unreadCount()).toBe(4);
      await author.caller.notification.markRead({ ids: [list.items[0]!.id] });
      expect(await author.caller.notification.unreadCount()).toBe(3);
      // Someone else's ids are ignored.
      await voter.caller.notification.markRead({ ids: list.items.map((i) => i.id) });
      expect(await author.caller.notification.unreadCount()).toBe(3);
      await author.caller.notification.markRead({});
      expect(await author.caller.notification.unreadCount()).toBe(0);
      expect(await (await callerAs(database, null)).notification.unreadCount()).toBe(0);
    });
  });
});
