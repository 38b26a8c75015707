import { readFileSync } from "node:fs";
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { importPlan, seedProfileQuestionsIfNone } from "@planpulse/core";
import { PLAN_SEED_PATH, sql } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs, callerWithCookies, failure, makeUser } from "../testing";

describe.each(testDrivers())("member engagement on %s", (driver) => {
  let database: TestDatabase;
  let objectiveIds: number[];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, readFileSync(PLAN_SEED_PATH, "utf8"));
    objectiveIds = (await database.db.selectFrom("objectives").select("id").orderBy("id").execute()).map((o) => o.id);
  });
  afterAll(() => database.dispose());

  const supportCount = async (objectiveId: number) =>
    Number(
      (
        await database.db
          .selectFrom("support_votes")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("objective_id", "=", objectiveId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const pointsInDb = async (userId: number) =>
    Number(
      (
        await database.db
          .selectFrom("priority_allocations")
          .select(sql<number>`coalesce(sum(points), 0)`.as("sum"))
          .where("user_id", "=", userId)
          .executeTakeFirstOrThrow()
      ).sum,
    );

  it("counts 200 parallel supports from 200 members exactly, and toggling again returns to zero", async () => {
    const objectiveId = objectiveIds[0]!;
    const callers = await Promise.all(Array.from({ length: 200 }, async () => callerAs(database, await makeUser(database))));
    const on = await Promise.all(callers.map((caller) => caller.vote.toggle({ objectiveId })));
    expect(on.every((r) => r.supported)).toBe(true);
    expect(await supportCount(objectiveId)).toBe(200);
    expect(Math.max(...on.map((r) => r.count))).toBe(200);

    const off = await Promise.all(callers.map((caller) => caller.vote.toggle({ objectiveId })));
    expect(off.every((r) => !r.supported)).toBe(true);
    expect(await supportCount(objectiveId)).toBe(0);
    expect(Math.min(...off.map((r) => r.count))).toBe(0);
  });

  it("never counts one member twice, even when the same request arrives in parallel", async () => {
    const objectiveId = objectiveIds[1]!;
    const caller = await callerAs(database, await makeUser(database));
    const results = await Promise.all(Array.from({ length: 10 }, () => caller.vote.toggle({ objectiveId, supported: true })));
    expect(results.every((r) => r.supported)).toBe(true);
    expect(await supportCount(objectiveId)).toBe(1);
    expect((await caller.vote.toggle({ objectiveId })).supported).toBe(false);
    expect(await supportCount(objectiveId)).toBe(0);
  });

  it("keeps one member's priority points within 10 under 20 parallel edits", async () => {
    const member = await makeUser(database);
    const caller = await callerAs(database, member);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => caller.priority.set({ objectiveId: objectiveIds[i]!, points: 4 + (i % 2) })));
    const succeeded = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(succeeded.length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r.reason as TRPCError).code).toBe("BAD_REQUEST");
    const total = await pointsInDb(member.id);
    expect(total).toBeLessThanOrEqual(10);
    expect(total).toBeGreaterThanOrEqual(8);
    expect((await caller.priority.mine()).spent).toBe(total);

    // Whole-allocation saves of 4–6 points each, racing one another and single-objective edits.
    await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) =>
        caller.priority.save({ allocations: [{ objectiveId: objectiveIds[i]!, points: 4 + (i % 3) === 6 ? 5 : 4 + (i % 3) }] }),
      ),
      ...Array.from({ length: 10 }, (_, i) => caller.priority.set({ objectiveId: objectiveIds[10 + i]!, points: 5 })),
    ]);
    expect(await pointsInDb(member.id)).toBeLessThanOrEqual(10);
  });

  it("refuses an over-budget allocation with a field error and changes nothing", async () => {
    const member = await makeUser(database);
    const caller = await callerAs(database, member);
    await caller.priority.save({ allocations: [{ objectiveId: objectiveIds[0]!, points: 3 }] });
    const error = await failure(
      caller.priority.save({
        allocations: [
          { objectiveId: objectiveIds[0]!, points: 5 },
          { objectiveId: objectiveIds[1]!, points: 5 },
          { objectiveId: objectiveIds[2]!, points: 2 },
        ],
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(error.cause)).toContain("You have 10 points; this spends 12");
    expect(await pointsInDb(member.id)).toBe(3);

    const tooMany = await failure(caller.priority.set({ objectiveId: objectiveIds[1]!, points: 6 }));
    expect(tooMany.code).toBe("BAD_REQUEST");
    await caller.priority.set({ objectiveId: objectiveIds[1]!, points: 5 });
    const over = await failure(caller.priority.set({ objectiveId: objectiveIds[2]!, points: 3 }));
    expect(over.message).toContain("this spends 11");
    expect(await pointsInDb(member.id)).toBe(8);

    // Saving a smaller allocation removes the points left out.
    const saved = await caller.priority.save({ allocations: [{ objectiveId: objectiveIds[3]!, points: 2 }] });
    expect(saved).toMatchObject({ spent: 2, left: 8, points: { [objectiveIds[3]!]: 2 } });
  });

  it("appends every change of stance to the history, and the history cannot be rewritten", async () => {
    const member = await makeUser(database);
    const caller = await callerAs(database, member);
    const objectiveId = objectiveIds[4]!;
    expect((await caller.stance.set({ objectiveId, stance: "support" })).changed).toBe(true);
    expect((await caller.stance.set({ objectiveId, stance: "neutral" })).previous).toBe("support");
    expect((await caller.stance.set({ objectiveId, stance: "neutral" })).changed).toBe(false);
    await caller.stance.set({ objectiveId, stance: "concern" });
    const history = await database.db.selectFrom("stance_history").select("stance").where("user_id", "=", member.id).orderBy("id").execute();
    expect(history.map((h) => h.stance)).toEqual(["support", "neutral", "concern"]);
    const current = await database.db.selectFrom("stances").selectAll().where("user_id", "=", member.id).execute();
    expect(current).toHaveLength(1);
    expect(current[0]!.stance).toBe("concern");
    await expect(database.db.updateTable("stance_history").set({ stance: "support" }).where("user_id", "=", member.id).execute()).rejects.toThrow(
      /append-only/,
    );
    const figures = await caller.engagement.figures();
    expect(figures.objectives[objectiveId]!.stance).toMatchObject({ concern: 1, n: 1 });
    expect(figures.mine?.objectives[objectiveId]?.stance).toBe("concern");
  });

  it("lets a suspended member read but not vote, place points or take a stance", async () => {
    const objectiveId = objectiveIds[5]!;
    const caller = await callerAs(database, await makeUser(database, { suspended: true }));
    const before = await supportCount(objectiveId);
    for (const attempt of [
      caller.vote.toggle({ objectiveId }),
      caller.priority.set({ objectiveId, points: 2 }),
      caller.stance.set({ objectiveId, stance: "support" }),
    ]) {
      const error = await failure(attempt);
      expect(error.code).toBe("FORBIDDEN");
      expect(getHTTPStatusCodeFromError(error)).toBe(403);
    }
    expect(await supportCount(objectiveId)).toBe(before);
    expect(await database.db.selectFrom("stances").select("id").where("objective_id", "=", objectiveId).execute()).toHaveLength(0);
    expect((await caller.engagement.figures()).objectives[objectiveId]).toBeDefined();
  });

  it("answers NOT_FOUND for unknown objectives and changes nothing", async () => {
    const member = await makeUser(database);
    const caller = await callerAs(database, member);
    const unknown = 2_000_000_000;
    expect((await failure(caller.vote.toggle({ objectiveId: unknown }))).code).toBe("NOT_FOUND");
    expect((await failure(caller.vote.toggle({ objectiveId: unknown, supported: true }))).code).toBe("NOT_FOUND");
    expect((await failure(caller.vote.toggle({ objectiveId: unknown, supported: false }))).code).toBe("NOT_FOUND");
    expect((await failure(caller.stance.set({ objectiveId: unknown, stance: "concern" }))).code).toBe("NOT_FOUND");
    expect((await failure(caller.priority.set({ objectiveId: unknown, points: 1 }))).code).toBe("NOT_FOUND");
    expect(
      (
        await failure(
          caller.priority.save({
            allocations: [
              { objectiveId: objectiveIds[0]!, points: 1 },
              { objectiveId: unknown, points: 1 },
            ],
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await failure(caller.vote.toggle({ objectiveId: -1 }))).code).toBe("BAD_REQUEST");
    for (const table of ["support_votes", "stances", "stance_history", "priority_allocations"] as const) {
      expect(await database.db.selectFrom(table).select("user_id").where("user_id", "=", member.id).execute()).toHaveLength(0);
    }
    const visitor = await callerAs(database, null);
    expect((await failure(visitor.vote.toggle({ objectiveId: objectiveIds[0]! }))).code).toBe("UNAUTHORIZED");
  });

  it("sets support in one statement: follows the objective, keeps an unfollow, refuses retired objectives", async () => {
    const member = await makeUser(database);
    const caller = await callerAs(database, member);
    const [first, second] = [objectiveIds[1]!, objectiveIds[2]!];
    const follows = () =>
      database.db
        .selectFrom("objective_follows")
        .select(["objective_id", "source", "unfollowed_at"])
        .where("user_id", "=", member.id)
        .orderBy("objective_id")
        .execute();
    const before = await supportCount(first);
    expect(await caller.vote.toggle({ objectiveId: first, supported: true })).toEqual({ objectiveId: first, supported: true, count: before + 1 });
    // Asking again changes nothing and reports the same count.
    expect(await caller.vote.toggle({ objectiveId: first, supported: true })).toEqual({ objectiveId: first, supported: true, count: before + 1 });
    expect(await follows()).toEqual([{ objective_id: first, source: "vote", unfollowed_at: null }]);
    expect(await caller.vote.toggle({ objectiveId: first, supported: false })).toEqual({ objectiveId: first, supported: false, count: before });
    expect(await caller.vote.toggle({ objectiveId: first, supported: false })).toEqual({ objectiveId: first, supported: false, count: before });
    // A member who unfollowed stays unfollowed when they vote again.
    await caller.notification.follow({
      slug: (await database.db.selectFrom("objectives").select("slug").where("id", "=", first).executeTakeFirstOrThrow()).slug,
      follow: false,
    });
    await caller.vote.toggle({ objectiveId: first, supported: true });
    expect((await follows())[0]).toMatchObject({ objective_id: first, unfollowed_at: expect.any(Date) });

    await database.db.updateTable("objectives").set({ retired_at: new Date() }).where("id", "=", second).execute();
    try {
      expect((await failure(caller.vote.toggle({ objectiveId: second, supported: true }))).code).toBe("NOT_FOUND");
      expect(
        await database.db.selectFrom("support_votes").select("id").where("user_id", "=", member.id).where("objective_id", "=", second).execute(),
      ).toHaveLength(0);
      expect((await follows()).map((f) => f.objective_id)).toEqual([first]);
    } finally {
      await database.db.updateTable("objectives").set({ retired_at: null }).where("id", "=", second).execute();
    }
  });

  it("reports priority shares of all points placed, with the number of members", async () => {
    const a = await callerAs(database, await makeUser(database));
    const figuresBefore = await a.engagement.figures();
    await a.priority.save({
      allocations: [
        { objectiveId: objectiveIds[20]!, points: 5 },
        { objectiveId: objectiveIds[21]!, points: 5 },
      ],
    });
    const after = await a.engagement.figures();
    expect(after.totals.priorityPoints).toBe(figuresBefore.totals.priorityPoints + 10);
    expect(after.totals.priorityMembers).toBe(figuresBefore.totals.priorityMembers + 1);
    const shares = Object.values(after.objectives).reduce((sum, o) => sum + o.priorityShare, 0);
    expect(shares).toBeCloseTo(1, 6);
    expect(after.mine?.pointsLeft).toBe(0);
    expect(Object.keys(after.objectives)).toHaveLength(objectiveIds.length);
  });

  it("saves the profile, exports everything, and deletes the account by anonymising it", async () => {
    const visitor = await callerWithCookies(database, null);
    const email = `delete-me-${Date.now()}@example.org`;
    await visitor.caller.auth.signUp({ displayName: "Dana Deleter", email, password: "correct horse battery staple" });
    // Taking part needs a confirmed address (the mail link does this; here it is set directly).
    await database.db.updateTable("users").set({ email_verified_at: new Date() }).where("email", "=", email).execute();
    const user = await database.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    const { caller, cookies } = await callerWithCookies(database, user);
    const objectiveId = objectiveIds[6]!;
    await caller.vote.toggle({ objectiveId });
    await caller.stance.set({ objectiveId, stance: "support" });
    await caller.priority.set({ objectiveId, points: 3 });
    await seedProfileQuestionsIfNone(database.db, [
      { key: "sector", label: "Sector", kind: "single", breakdown: true, options: ["Public", "Private"] },
      { key: "groups", label: "Groups", kind: "multiple", breakdown: true, options: ["North", "South"] },
      { key: "region", label: "Region", kind: "single", breakdown: false, options: ["Ohio", "Iowa"] },
    ]);
    const profile = await caller.account.updateProfile({ sector: "public", groups: ["North", "north"], region: "Ohio" });
    expect(profile.questions.find((q) => q.key === "groups")!.answer).toEqual(["North"]);
    expect(profile.questions.find((q) => q.key === "sector")!.answer).toEqual(["Public"]);
    expect((await failure(caller.account.updateProfile({ region: "Atlantis" }))).code).toBe("BAD_REQUEST");

    const exported = await caller.account.export();
    expect(exported.account.email).toBe(email);
    expect(exported.profile.answers.region).toMatchObject({ answer: ["Ohio"], verified: false });
    expect(exported.supportVotes).toHaveLength(1);
    expect(exported.stanceHistory).toHaveLength(1);
    expect(exported.priorityPoints[0]).toMatchObject({ points: 3 });
    expect(Array.isArray(exported.comments)).toBe(true);

    const wrong = await failure(caller.account.delete({ password: "not my password" }));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect((await database.db.selectFrom("users").select("email").where("id", "=", user.id).executeTakeFirstOrThrow()).email).toBe(email);

    await caller.account.delete({ password: "correct horse battery staple" });
    expect(cookies.some((c) => c.includes("Max-Age=0") || c.includes("Expires=Thu, 01 Jan 1970"))).toBe(true);
    const after = await database.db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(after.display_name).toBe("Former member");
    expect(after.email).toMatch(/@deleted\.invalid$/);
    expect(after.password_hash).toBeNull();
    expect(after.deleted_at).not.toBeNull();
    expect(await database.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
    expect(await database.db.selectFrom("member_answers").select("user_id").where("user_id", "=", user.id).execute()).toHaveLength(0);
    expect(await supportCount(objectiveId)).toBe(1);
    const audit = await database.db.selectFrom("audit_log").select("action").where("actor_id", "=", user.id).execute();
    expect(audit.map((a) => a.action)).toContain("member.delete_account");
    // With no session rows left, the old cookie signs no one in; the old email and password no longer work either.
    expect((await failure(visitor.caller.auth.signIn({ email, password: "correct horse battery staple" }))).code).toBe("UNAUTHORIZED");
  });
});
