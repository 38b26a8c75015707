import { insertUser } from "@planpulse/auth";
import { sql } from "@planpulse/db";
import { createTestDatabase, insertTestPlan, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recountObjectiveCounters } from "../insight/rollups";
import { listObjectiveFiguresWithTotals } from "./figures";

/** What the counters must equal: the same figures aggregated from the raw rows. */
async function rawFigures(database: TestDatabase) {
  const result = await sql<{
    objective_id: number;
    supports: number;
    points: number;
    members: number;
    support: number;
    neutral: number;
    concern: number;
    comments: number;
  }>`
    select o.id as objective_id,
      (select count(*)::int from support_votes v where v.objective_id = o.id) as supports,
      (select coalesce(sum(points), 0)::int from priority_allocations p where p.objective_id = o.id) as points,
      (select count(*)::int from priority_allocations p where p.objective_id = o.id) as members,
      (select count(*)::int from stances s where s.objective_id = o.id and s.stance = 'support') as support,
      (select count(*)::int from stances s where s.objective_id = o.id and s.stance = 'neutral') as neutral,
      (select count(*)::int from stances s where s.objective_id = o.id and s.stance = 'concern') as concern,
      (select count(*)::int from comments c where c.objective_id = o.id and c.kind = 'member' and c.status = 'visible' and c.deleted_at is null) as comments
    from objectives o order by o.id`.execute(database.db);
  return result.rows;
}

describe.each(testDrivers())("objective counters on %s", (driver) => {
  let database: TestDatabase;
  let objectiveIds: number[];
  let userIds: number[];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    ({ objectiveIds } = await insertTestPlan(database.db, { objectives: 3 }));
    userIds = [];
    for (let i = 0; i < 4; i += 1) {
      userIds.push((await insertUser(database.db, { email: `c${i}@example.org`, display_name: `C${i}`, password_hash: null }))!.id);
    }
  });
  afterAll(() => database.dispose());

  it("match the raw aggregates after votes, multi-row point edits, stance changes and comment moderation", async () => {
    const [a, b, c] = objectiveIds as [number, number, number];
    const [u1, u2, u3, u4] = userIds as [number, number, number, number];
    await database.db
      .insertInto("support_votes")
      .values([
        { user_id: u1, objective_id: a },
        { user_id: u2, objective_id: a },
        { user_id: u3, objective_id: b },
      ])
      .execute();
    await database.db.deleteFrom("support_votes").where("user_id", "=", u2).execute();
    // Several rows in one statement: each member still counts once.
    await database.db
      .insertInto("priority_allocations")
      .values([
        { user_id: u1, objective_id: a, points: 5 },
        { user_id: u1, objective_id: b, points: 3 },
        { user_id: u2, objective_id: a, points: 2 },
        { user_id: u3, objective_id: c, points: 4 },
      ])
      .execute();
    await database.db.updateTable("priority_allocations").set({ points: 1 }).where("user_id", "=", u1).where("objective_id", "=", b).execute();
    await database.db.deleteFrom("priority_allocations").where("user_id", "=", u1).execute();
    await database.db
      .insertInto("stances")
      .values([
        { user_id: u1, objective_id: a, stance: "support" },
        { user_id: u2, objective_id: a, stance: "concern" },
        { user_id: u4, objective_id: c, stance: "neutral" },
      ])
      .execute();
    await database.db.updateTable("stances").set({ stance: "support" }).where("user_id", "=", u2).execute();
    const inserted = await database.db
      .insertInto("comments")
      .values([
        { objective_id: a, author_id: u1, body: "First comment" },
        { objective_id: a, author_id: u2, body: "Second comment" },
        { objective_id: b, author_id: u3, body: "Held one", status: "held" },
        // Staff replies and official responses are not member comments: never counted.
        { objective_id: b, author_id: u4, body: "Staff reply", kind: "staff_reply" },
        { objective_id: c, author_id: u4, body: "Official response", kind: "official_response" },
      ])
      .returning("id")
      .execute();
    await database.db.updateTable("comments").set({ status: "hidden" }).where("id", "=", inserted[0]!.id).execute();
    await database.db.updateTable("comments").set({ status: "visible" }).where("id", "=", inserted[2]!.id).execute();
    await database.db.updateTable("comments").set({ deleted_at: new Date() }).where("id", "=", inserted[1]!.id).execute();

    const { rows: counters, totals } = await listObjectiveFiguresWithTotals(database.db);
    const raw = await rawFigures(database);
    expect(
      counters.map((r) => [
        r.objective_id,
        r.supports,
        r.priority_points,
        r.priority_members,
        r.stance_support,
        r.stance_neutral,
        r.stance_concern,
        r.visible_comments,
      ]),
    ).toEqual(raw.map((r) => [r.objective_id, r.supports, r.points, r.members, r.support, r.neutral, r.concern, r.comments]));
    expect(raw.map((r) => r.supports)).toEqual([1, 1, 0]);
    expect(raw.map((r) => r.comments)).toEqual([0, 1, 0]);
    const distinct = await sql<{ n: number }>`select count(distinct user_id)::int as n from priority_allocations`.execute(database.db);
    expect(totals).toEqual({ points: 6, members: distinct.rows[0]!.n });
    expect(distinct.rows[0]!.n).toBe(2);
  });
});

describe.each(testDrivers())("members who placed points, per plan, on %s", (driver) => {
  let database: TestDatabase;
  const objectives: Record<"old" | "current", number[]> = { old: [], current: [] };
  const plans: Record<"old" | "current", number> = { old: 0, current: 0 };
  let userIds: number[];

  async function makePlan(key: "old" | "current", status: "archived" | "active") {
    const made = await insertTestPlan(database.db, { key, status, objectives: 2 });
    plans[key] = made.planId;
    objectives[key] = made.objectiveIds;
  }

  /** What the counter must equal: distinct members with an allocation in the plan, from the raw rows. */
  async function rawMembers(planId: number): Promise<number> {
    const result = await sql<{ n: number }>`
      select count(distinct p.user_id)::int as n from priority_allocations p
      join objectives o on o.id = p.objective_id join domains d on d.id = o.domain_id where d.plan_id = ${planId}`.execute(database.db);
    return result.rows[0]!.n;
  }

  async function expectCountersExact() {
    for (const key of ["old", "current"] as const) {
      const { totals } = await listObjectiveFiguresWithTotals(database.db, plans[key]);
      expect(totals.members, key).toBe(await rawMembers(plans[key]));
    }
    const current = await listObjectiveFiguresWithTotals(database.db, "current");
    expect(current.totals.members).toBe(await rawMembers(plans.current));
  }

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await makePlan("old", "archived");
    await makePlan("current", "active");
    userIds = [];
    for (let i = 0; i < 3; i += 1) {
      userIds.push((await insertUser(database.db, { email: `pp${i}@example.org`, display_name: `PP${i}`, password_hash: null }))!.id);
    }
  });
  afterAll(() => database.dispose());

  it("count each member once per plan through multi-row inserts, partial and whole deletes, and a recount agrees", async () => {
    const [u1, u2, u3] = userIds as [number, number, number];
    const [c1, c2] = objectives.current as [number, number];
    const [o1, o2] = objectives.old as [number, number];
    // One statement: u1 in both objectives of the current plan and one of the old; u2 in the old plan only.
    await database.db
      .insertInto("priority_allocations")
      .values([
        { user_id: u1, objective_id: c1, points: 3 },
        { user_id: u1, objective_id: c2, points: 2 },
        { user_id: u1, objective_id: o1, points: 4 },
        { user_id: u2, objective_id: o1, points: 1 },
        { user_id: u2, objective_id: o2, points: 1 },
      ])
      .execute();
    await expectCountersExact();
    expect(await rawMembers(plans.current)).toBe(1);
    expect(await rawMembers(plans.old)).toBe(2);

    // A member already counted adds another objective: still one. A new member: one more.
    await database.db.deleteFrom("priority_allocations").where("user_id", "=", u1).where("objective_id", "=", c2).execute();
    await database.db.insertInto("priority_allocations").values({ user_id: u1, objective_id: c2, points: 1 }).execute();
    await database.db.insertInto("priority_allocations").values({ user_id: u3, objective_id: c2, points: 5 }).execute();
    await expectCountersExact();
    expect(await rawMembers(plans.current)).toBe(2);

    // Removing one of two allocations keeps the member; removing the last one in a plan drops them there only.
    await database.db.deleteFrom("priority_allocations").where("user_id", "=", u1).where("objective_id", "=", c1).execute();
    await expectCountersExact();
    await database.db.deleteFrom("priority_allocations").where("user_id", "=", u1).where("objective_id", "in", [c2, o1]).execute();
    await expectCountersExact();
    expect(await rawMembers(plans.current)).toBe(1);
    expect(await rawMembers(plans.old)).toBe(1);

    // A full recount (the synthetic seed's COPY skips triggers) writes the same figures.
    const before = await sql<{ plan_id: number; members: number }>`select plan_id, members from plan_priority_members order by plan_id`.execute(database.db);
    await sql`update plan_priority_members set members = 99`.execute(database.db);
    await recountObjectiveCounters(database.db);
    const after = await sql<{ plan_id: number; members: number }>`select plan_id, members from plan_priority_members order by plan_id`.execute(database.db);
    expect(after.rows).toEqual(before.rows);
    await expectCountersExact();
  });
});
