import { sql, type DB, type Kysely, type StanceValue, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// Figures for plan pages: the counters every page shows, and what the member did, each in one round trip.

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
 * kept by triggers in the writing transaction (migrations 0007 and, per plan, 0085), so this reads one
 * row per objective.
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
          coalesce((select members from plan_priority_members where plan_id = ${plan}), 0)::int as members`;
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
  const rows = result.rows.filter((row) => row.objective_id !== null).map(({ total_points: _points, total_members: _members, ...row }) => row);
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
