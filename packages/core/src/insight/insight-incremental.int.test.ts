import { readFileSync } from "node:fs";
import { PLAN_SEED_PATH, sql, type DB, type Kysely } from "@planpulse/db";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan } from "../plan/import-plan";
import { refreshInsightRollups } from "./refresh-rollups";
import { setMemberAnswers } from "../segments/member-answers";
import { seedTestQuestions } from "../segments/test-questions";

const DAY = 86_400_000;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every figure the dashboard reads, in a stable order (tone sums rounded: float sums differ in the last bits). */
async function snapshot(db: Kysely<DB>) {
  const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    objectives: await rows(sql`select *, round(tone_sum::numeric, 6) as tone_sum from insight_objective_rollups order by objective_id`),
    segments: await rows(sql`select *, round(tone_sum::numeric, 6) as tone_sum from insight_segment_rollups order by segment, objective_id, value`),
    domains: await rows(sql`select * from insight_domain_rollups order by domain_id`),
    weekly: await rows(sql`select * from insight_weekly order by week`),
    updates: await rows(sql`select progress_update_id, moment, support, neutral, concern from insight_update_stances order by 1, 2`),
    headline: await rows(sql`select participants_7d, participants_30d, participants_90d, participants_all, comments, comments_30d, support_votes,
      support_votes_30d, priority_points, priority_members, comments_eligible, comments_answered, median_response_seconds from insight_headline`),
  };
}

describe.each(testDrivers())("incremental insight refresh on %s", (driver) => {
  let database: TestDatabase;
  let users: number[];
  let objectives: number[];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const { db } = database;
    await importPlan(db, readFileSync(PLAN_SEED_PATH, "utf8"));
    await seedTestQuestions(db);
    objectives = (await db.selectFrom("objectives").select("id").orderBy("id").execute()).map((o) => o.id).slice(0, 6);
    users = [];
    for (let i = 0; i < 24; i += 1) {
      const user = await insertUser(db, { email: `incr-${driver}-${i}@example.org`, display_name: `Incr ${i}`, password_hash: null, role: "member" });
      users.push(user!.id);
      if (i % 4 !== 3) {
        await setMemberAnswers(
          db,
          user!.id,
          { library_type: ["Public", "Academic", "School"][i % 3]!, career_stage: i % 2 ? "Early career" : "", division: i % 5 ? ["ACRL"] : ["PLA", "ACRL"] },
          { source: "self" },
        );
      }
    }
    const staff = await insertUser(db, { email: `incr-staff-${driver}@example.org`, display_name: "Staff", password_hash: null, role: "staff" });
    await db
      .insertInto("progress_updates")
      .values({
        objective_id: objectives[0]!,
        author_id: staff!.id,
        body: "Update",
        status: "on_track",
        percent_complete: 20,
        created_at: new Date(Date.now() - 40 * DAY),
      } as never)
      .execute();
  });
  afterAll(() => database.dispose());

  /** One round of random writes through every path the rollups count. */
  async function randomWrites(random: () => number, count: number) {
    const { db } = database;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const ago = () => new Date(Date.now() - Math.floor(random() * 70) * DAY - Math.floor(random() * DAY));
    for (let i = 0; i < count; i += 1) {
      const user = pick(users);
      const objective = pick(objectives);
      const r = random();
      if (r < 0.25) {
        const removed = await db.deleteFrom("support_votes").where("user_id", "=", user).where("objective_id", "=", objective).executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0)
          await db
            .insertInto("support_votes")
            .values({ user_id: user, objective_id: objective, created_at: ago() } as never)
            .execute();
      } else if (r < 0.45) {
        const stance = pick(["support", "neutral", "concern"] as const);
        const at = ago();
        await db
          .insertInto("stances")
          .values({ user_id: user, objective_id: objective, stance, updated_at: at } as never)
          .onConflict((oc) => oc.columns(["user_id", "objective_id"]).doUpdateSet({ stance, updated_at: at } as never))
          .execute();
        await db
          .insertInto("stance_history")
          .values({ user_id: user, objective_id: objective, stance, created_at: at } as never)
          .execute();
      } else if (r < 0.5) {
        await db.deleteFrom("stances").where("user_id", "=", user).where("objective_id", "=", objective).execute();
      } else if (r < 0.62) {
        const points = 1 + Math.floor(random() * 5);
        if (random() < 0.3) await db.deleteFrom("priority_allocations").where("user_id", "=", user).execute();
        else
          await db
            .insertInto("priority_allocations")
            .values({ user_id: user, objective_id: objective, points, updated_at: ago() } as never)
            .onConflict((oc) => oc.columns(["user_id", "objective_id"]).doUpdateSet({ points }))
            .execute();
      } else if (r < 0.8) {
        await db
          .insertInto("comments")
          .values({
            objective_id: objective,
            author_id: user,
            body: "A comment",
            tone: random() < 0.8 ? Math.round((random() * 2 - 1) * 100) / 100 : null,
            created_at: ago(),
          } as never)
          .execute();
      } else if (r < 0.9) {
        const comment = await db.selectFrom("comments").select("id").where("author_id", "=", user).orderBy("id").limit(1).executeTakeFirst();
        if (comment) {
          const change = pick([{ status: "hidden" }, { status: "held" }, { status: "visible" }, { deleted_at: new Date() }, { tone: -0.4 }] as const);
          await db
            .updateTable("comments")
            .set(change as never)
            .where("id", "=", comment.id)
            .execute();
        }
      } else {
        await setMemberAnswers(
          db,
          user,
          random() < 0.5
            ? { member_type: pick(["Personal", "Student", ""]), division: random() < 0.5 ? [] : ["YALSA"] }
            : { member_type: pick(["Personal", "Retired", ""]), round_table: random() < 0.5 ? ["SRRT"] : [] },
          { source: "self" },
        );
      }
    }
  }

  it("gives the same figures as a full recount after random writes on every path", async () => {
    const { db } = database;
    expect(await refreshInsightRollups(db)).toMatchObject({ refreshed: true, mode: "full" });
    const random = rng(20261128);
    for (let round = 0; round < 4; round += 1) {
      await randomWrites(random, 60);
      const incremental = await refreshInsightRollups(db);
      expect(incremental).toMatchObject({ refreshed: true, reason: "changed", mode: "incremental" });
      // Only the members touched in the round are recounted.
      expect(incremental.members).toBeGreaterThan(0);
      expect(incremental.members).toBeLessThanOrEqual(users.length);
      const afterIncremental = await snapshot(db);
      expect(afterIncremental.objectives.some((o) => Number((o as { participants: number }).participants) > 0)).toBe(true);
      await refreshInsightRollups(db, { force: true, full: true });
      expect(await snapshot(db)).toEqual(afterIncremental);
    }
  });

  it("counts a vote on the next refresh and takes it out again when withdrawn", async () => {
    const { db } = database;
    await refreshInsightRollups(db);
    const votes = async () => Number((await sql<{ n: number }>`select support_votes as n from insight_headline`.execute(db)).rows[0]!.n);
    const before = await votes();
    const user = users[0]!;
    const free = objectives[5]!;
    await db.deleteFrom("support_votes").where("user_id", "=", user).where("objective_id", "=", free).execute();
    await refreshInsightRollups(db);
    const without = await votes();
    await db.insertInto("support_votes").values({ user_id: user, objective_id: free }).execute();
    expect((await refreshInsightRollups(db)).members).toBe(1);
    expect(await votes()).toBe(without + 1);
    expect(without).toBeLessThanOrEqual(before);
  });
});
