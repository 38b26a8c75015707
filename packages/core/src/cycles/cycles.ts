import { sql, type DB, type Kysely } from "@planpulse/db";
import { findCycleWithPlan, listPlanCycles } from "../plan/queries";
import { AppError } from "../errors";
import type { CycleRef } from "../plan/get-plan";

/** Leadership figures for a group under this size are not shown (the house suppression rule). */
const SMALL_GROUP = 5;

export async function listCycles(db: Kysely<DB>): Promise<CycleRef[]> {
  return (await listPlanCycles(db)).map((c) => ({
    id: c.id,
    slug: c.slug,
    name: c.name,
    status: c.status,
    startedAt: c.started_at.toISOString(),
    endedAt: c.ended_at?.toISOString() ?? null,
  }));
}

export type CycleDomainSummary = {
  name: string;
  objectives: number;
  /** Members who support at least one objective of the domain. */
  supporters: number;
  /** Shares of all stances given on the domain's objectives; null when fewer than 5 were given. */
  stanceShares: { support: number; neutral: number; concern: number } | null;
  stances: number;
  comments: number;
  /** Mean percent complete of the domain's objectives. */
  progress: number;
};
export type CycleSummary = { cycle: CycleRef; domains: CycleDomainSummary[] };

async function summariseCycle(db: Kysely<DB>, cycleSlug: string): Promise<CycleSummary> {
  const found = await findCycleWithPlan(db, cycleSlug);
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "There is no plan cycle with that name." });
  const { cycle, plan } = found;
  const rows = await sql<{
    name: string;
    objectives: number;
    supporters: number;
    support: number;
    neutral: number;
    concern: number;
    comments: number;
    progress: number;
  }>`
    select d.name,
      count(o.id)::int as objectives,
      (select count(distinct sv.user_id)::int from support_votes sv join objectives so on so.id = sv.objective_id
        where so.domain_id = d.id and so.retired_at is null) as supporters,
      coalesce(sum(c.stance_support), 0)::int as support,
      coalesce(sum(c.stance_neutral), 0)::int as neutral,
      coalesce(sum(c.stance_concern), 0)::int as concern,
      coalesce(sum(c.visible_comments), 0)::int as comments,
      coalesce(round(avg(o.percent_complete)), 0)::int as progress
    from domains d
    left join objectives o on o.domain_id = d.id and o.retired_at is null
    left join objective_counters c on c.objective_id = o.id
    where d.plan_id = ${plan.id} and d.retired_at is null
    group by d.id, d.name, d.position
    order by d.position, d.id`.execute(db);
  return {
    cycle: {
      id: cycle.id,
      slug: cycle.slug,
      name: cycle.name,
      status: cycle.status,
      startedAt: cycle.started_at.toISOString(),
      endedAt: cycle.ended_at?.toISOString() ?? null,
    },
    domains: rows.rows.map((r) => {
      const stances = Number(r.support) + Number(r.neutral) + Number(r.concern);
      return {
        name: r.name,
        objectives: Number(r.objectives),
        supporters: Number(r.supporters),
        stances,
        stanceShares: stances < SMALL_GROUP ? null : { support: r.support / stances, neutral: r.neutral / stances, concern: r.concern / stances },
        comments: Number(r.comments),
        progress: Number(r.progress),
      };
    }),
  };
}

/** Two cycles side by side, per domain: supporters, stance shares, comments and progress. */
export async function compareCycles(db: Kysely<DB>, input: { a: string; b: string }): Promise<{ a: CycleSummary; b: CycleSummary }> {
  const [a, b] = await Promise.all([summariseCycle(db, input.a), summariseCycle(db, input.b)]);
  return { a, b };
}
