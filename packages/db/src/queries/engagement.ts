import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";
import type { PriorityAllocation, Stance, StanceValue } from "../schema-engagement";

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The objectives members may write to: not retired, in a domain that is not retired, in the active
 * plan cycle. The cycle row is share-locked, so a write that passes this check commits before a
 * new-cycle import can archive the cycle (the import waits), and one after it finds nothing.
 */
export function writableObjectiveTarget(objectiveId: number) {
  return sql<{ id: number }>`
    select o.id from objectives o
    join domains d on d.id = o.domain_id
    join plans p on p.id = d.plan_id
    join plan_cycles pc on pc.id = p.cycle_id
    where o.id = ${objectiveId} and o.retired_at is null and d.retired_at is null and pc.status = 'active'
    for share of pc`;
}

/** The objective's id when members may write to it (see writableObjectiveTarget); undefined otherwise. */
export async function findActiveObjectiveId(db: Executor, objectiveId: number): Promise<number | undefined> {
  const result = await writableObjectiveTarget(objectiveId).execute(db);
  return result.rows[0]?.id;
}

/** The cycle an objective belongs to (whatever its state), for explaining a refused write. */
export async function findObjectiveCycle(db: Executor, objectiveId: number) {
  return db
    .selectFrom("objectives as o")
    .innerJoin("domains as d", "d.id", "o.domain_id")
    .innerJoin("plans as p", "p.id", "d.plan_id")
    .innerJoin("plan_cycles as pc", "pc.id", "p.cycle_id")
    .select(["pc.id", "pc.slug", "pc.name", "pc.status", "o.retired_at", "d.retired_at as domain_retired_at"])
    .where("o.id", "=", objectiveId)
    .executeTakeFirst();
}

// ── Support votes ─────────────────────────────────────────────────────────────

/**
 * Sets a member's support in one statement (one round trip, no explicit transaction): `found` is
 * false when the objective does not exist or is retired, and then nothing is written. Adding also
 * follows the objective (source "vote") unless the member has a follow row already.
 */
export async function setSupportVote(
  db: Executor,
  userId: number,
  objectiveId: number,
  supported: boolean,
): Promise<{ found: boolean; changed: boolean }> {
  const result = supported
    ? await sql<{ found: boolean; changed: boolean }>`
        with target as (${writableObjectiveTarget(objectiveId)}),
        vote as (
          insert into support_votes (user_id, objective_id) select ${userId}, id from target
          on conflict (user_id, objective_id) do nothing returning id
        ),
        follow as (
          insert into objective_follows (user_id, objective_id, source) select ${userId}, id, 'vote' from target
          on conflict (user_id, objective_id) do nothing
        )
        select exists (select 1 from target) as found, exists (select 1 from vote) as changed`.execute(db)
    : await sql<{ found: boolean; changed: boolean }>`
        with target as (${writableObjectiveTarget(objectiveId)}),
        vote as (
          delete from support_votes where user_id = ${userId} and objective_id in (select id from target) returning id
        )
        select exists (select 1 from target) as found, exists (select 1 from vote) as changed`.execute(db);
  const row = result.rows[0];
  return { found: row?.found === true, changed: row?.changed === true };
}

export async function hasSupportVote(db: Executor, userId: number, objectiveId: number): Promise<boolean> {
  const row = await db
    .selectFrom("support_votes")
    .select("id")
    .where("user_id", "=", userId)
    .where("objective_id", "=", objectiveId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Exact: the counter is kept by a trigger in every vote's own transaction. */
export async function countSupportVotes(db: Executor, objectiveId: number): Promise<number> {
  const result = await sql<{ supports: number }>`select supports from objective_counters where objective_id = ${objectiveId}`.execute(db);
  return Number(result.rows[0]?.supports ?? 0);
}

// ── Priority points ───────────────────────────────────────────────────────────

/** Serialises a member's priority edits: parallel transactions queue behind this row lock. */
export async function lockUserRow(trx: Transaction<DB>, userId: number): Promise<boolean> {
  const row = await trx.selectFrom("users").select("id").where("id", "=", userId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export function listPriorityAllocationsByUser(db: Executor, userId: number): Promise<PriorityAllocation[]> {
  return db.selectFrom("priority_allocations").selectAll().where("user_id", "=", userId).orderBy("objective_id").execute();
}

/** The member's points in the active cycle only: the budget is per cycle (decision 024). */
export function listCurrentCycleAllocationsByUser(db: Executor, userId: number): Promise<PriorityAllocation[]> {
  return db
    .selectFrom("priority_allocations as pa")
    .innerJoin("objectives as o", "o.id", "pa.objective_id")
    .innerJoin("domains as d", "d.id", "o.domain_id")
    .innerJoin("plans as p", "p.id", "d.plan_id")
    .innerJoin("plan_cycles as pc", "pc.id", "p.cycle_id")
    .selectAll("pa")
    .where("pa.user_id", "=", userId)
    .where("pc.status", "=", "active")
    .orderBy("pa.objective_id")
    .execute();
}

/** Sets one objective's points (0 removes the row). */
export async function setPriorityAllocation(db: Executor, userId: number, objectiveId: number, points: number): Promise<void> {
  if (points <= 0) {
    await db.deleteFrom("priority_allocations").where("user_id", "=", userId).where("objective_id", "=", objectiveId).execute();
    return;
  }
  await db
    .insertInto("priority_allocations")
    .values({ user_id: userId, objective_id: objectiveId, points })
    .onConflict((oc) => oc.columns(["user_id", "objective_id"]).doUpdateSet({ points, updated_at: sql`now()` }))
    .execute();
}

// ── Stances ───────────────────────────────────────────────────────────────────

export function findStance(db: Executor, userId: number, objectiveId: number): Promise<Stance | undefined> {
  return db.selectFrom("stances").selectAll().where("user_id", "=", userId).where("objective_id", "=", objectiveId).executeTakeFirst();
}

export async function upsertStance(db: Executor, userId: number, objectiveId: number, stance: StanceValue): Promise<void> {
  await db
    .insertInto("stances")
    .values({ user_id: userId, objective_id: objectiveId, stance })
    .onConflict((oc) => oc.columns(["user_id", "objective_id"]).doUpdateSet({ stance, updated_at: sql`now()` }))
    .execute();
}

export async function appendStanceHistory(db: Executor, userId: number, objectiveId: number, stance: StanceValue): Promise<void> {
  await db.insertInto("stance_history").values({ user_id: userId, objective_id: objectiveId, stance }).execute();
}

// ── Figures for plan pages (one round trip per table, for any number of objectives) ──

export type ObjectiveFiguresRow = {
  objective_id: number;
  supports: number;
  priority_points: number;
  priority_members: number;
  stance_support: number;
  stance_neutral: number;
  stance_concern: number;
  visible_comments: number;
};

/**
 * Supports, priority points and stance counts for every active objective, plus the plan's totals
 * (points placed by everyone, members who placed any), in one round trip. The counters are exact,
 * kept by triggers in the writing transaction (migration 0007), so this reads one row per objective.
 */
export async function listObjectiveFiguresWithTotals(
  db: Executor,
  planId?: number | "current",
): Promise<{ rows: ObjectiveFiguresRow[]; totals: { points: number; members: number } }> {
  // With a plan (one cycle's), rows and totals are that cycle's: points and members are per cycle.
  // "current": the active cycle's plan (findCurrentPlan's), looked up in the same statement.
  const plan =
    planId === "current"
      ? sql`(select p.id from plans p join plan_cycles pc on pc.id = p.cycle_id where pc.status = 'active' order by p.id limit 1)`
      : sql`${planId}::int`;
  const inPlan = planId === undefined ? sql`true` : sql`o.domain_id in (select id from domains where plan_id = ${plan})`;
  const totalsSql =
    planId === undefined
      ? sql`select (select coalesce(sum(priority_points), 0)::int from objective_counters) as points,
          (select coalesce(max(priority_members), 0)::int from engagement_totals) as members`
      : sql`select (select coalesce(sum(c.priority_points), 0)::int from objective_counters c join objectives o on o.id = c.objective_id where ${inPlan}) as points,
          (select count(distinct pa.user_id)::int from priority_allocations pa join objectives o on o.id = pa.objective_id where ${inPlan}) as members`;
  const result = await sql<ObjectiveFiguresRow & { total_points: number; total_members: number }>`
    select f.*, t.points as total_points, t.members as total_members
    from (${totalsSql}) t
    left join (
      select o.id as objective_id,
        coalesce(c.supports, 0)::int as supports,
        coalesce(c.priority_points, 0)::int as priority_points,
        coalesce(c.priority_members, 0)::int as priority_members,
        coalesce(c.stance_support, 0)::int as stance_support,
        coalesce(c.stance_neutral, 0)::int as stance_neutral,
        coalesce(c.stance_concern, 0)::int as stance_concern,
        coalesce(c.visible_comments, 0)::int as visible_comments
      from objectives o
      left join objective_counters c on c.objective_id = o.id
      where o.retired_at is null and ${inPlan}
    ) f on true
    order by f.objective_id
  `.execute(db);
  const first = result.rows[0];
  const totals = { points: Number(first?.total_points ?? 0), members: Number(first?.total_members ?? 0) };
  const rows = result.rows
    .filter((row) => row.objective_id !== null)
    .map(({ total_points: _points, total_members: _members, ...row }) => row);
  return { rows, totals };
}

/** The member's own vote, points, stance and follows on every objective, in one round trip. */
export async function listMyEngagement(db: Executor, userId: number) {
  const result = await sql<{ kind: "vote" | "points" | "stance" | "follow"; objective_id: number; points: number | null; stance: StanceValue | null }>`
    select 'vote' as kind, objective_id, null::int as points, null::text as stance from support_votes where user_id = ${userId}
    union all
    select 'points', objective_id, points, null from priority_allocations where user_id = ${userId}
    union all
    select 'stance', objective_id, null, stance::text from stances where user_id = ${userId}
    union all
    select 'follow', objective_id, null, null from objective_follows where user_id = ${userId} and unfollowed_at is null
  `.execute(db);
  const votes: { objective_id: number }[] = [];
  const points: { objective_id: number; points: number }[] = [];
  const stances: { objective_id: number; stance: StanceValue }[] = [];
  const follows: { objective_id: number }[] = [];
  for (const row of result.rows) {
    if (row.kind === "vote") votes.push({ objective_id: row.objective_id });
    else if (row.kind === "follow") follows.push({ objective_id: row.objective_id });
    else if (row.kind === "points") points.push({ objective_id: row.objective_id, points: Number(row.points) });
    else stances.push({ objective_id: row.objective_id, stance: row.stance as StanceValue });
  }
  return { votes, points, stances, follows };
}
