import { type DB, type Kysely, type Transaction } from "@planpulse/db";
import { AppError } from "../errors";

type Executor = Kysely<DB> | Transaction<DB>;

export type PlanSnapshot = {
  title: string;
  mission: string;
  vision: string;
  values: string[];
  domains: Array<{
    slug: string;
    name: string;
    goalStatement: string;
    objectives: Array<{ slug: string; text: string; isUrgent: boolean; retired: boolean }>;
  }>;
};

export async function buildPlanSnapshot(db: Executor, planId: number): Promise<PlanSnapshot> {
  const plan = await db.selectFrom("plans").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
  const domains = await db.selectFrom("domains").selectAll().where("plan_id", "=", planId).orderBy("position").execute();
  const objectives =
    domains.length === 0
      ? []
      : await db
          .selectFrom("objectives")
          .selectAll()
          .where(
            "domain_id",
            "in",
            domains.map((d) => d.id),
          )
          .orderBy("position")
          .orderBy("id")
          .execute();
  return {
    title: plan.title,
    mission: plan.mission,
    vision: plan.vision,
    values: plan.values,
    domains: domains.map((d) => ({
      slug: d.slug,
      name: d.name,
      goalStatement: d.goal_statement,
      objectives: objectives
        .filter((o) => o.domain_id === d.id)
        .map((o) => ({ slug: o.slug, text: o.text, isUrgent: o.is_urgent, retired: o.retired_at !== null })),
    })),
  };
}

/** Stores the plan as it now stands under `version`; every applied change to the plan calls this. */
export async function recordPlanVersion(
  trx: Transaction<DB>,
  record: { planId: number; version: number; actorId: number | null; summary: string },
): Promise<void> {
  const snapshot = await buildPlanSnapshot(trx, record.planId);
  await trx
    .insertInto("plan_versions")
    .values({ plan_id: record.planId, version: record.version, summary: record.summary, actor_id: record.actorId, snapshot: JSON.stringify(snapshot) })
    .onConflict((oc) => oc.columns(["plan_id", "version"]).doNothing())
    .execute();
}

/** Locks the current plan for an edit; edits to one plan are applied one at a time. */
export async function lockCurrentPlan(trx: Transaction<DB>) {
  const plan = await trx
    .selectFrom("plans")
    .innerJoin("plan_cycles", "plan_cycles.id", "plans.cycle_id")
    .selectAll("plans")
    .where("plan_cycles.status", "=", "active")
    .forUpdate()
    .executeTakeFirst();
  if (!plan) throw new AppError("NOT_FOUND", { userMessage: "No plan has been imported yet." });
  return plan;
}

/** Raises the plan's version by one and records the new version. */
export async function bumpPlanVersion(trx: Transaction<DB>, planId: number, actorId: number | null, summary: string): Promise<number> {
  const row = await trx
    .updateTable("plans")
    .set((eb) => ({ version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", planId)
    .returning("version")
    .executeTakeFirstOrThrow();
  await recordPlanVersion(trx, { planId, version: row.version, actorId, summary });
  return row.version;
}

export type PlanVersionView = { version: number; summary: string; actorName: string | null; createdAt: string };

export async function listPlanVersions(db: Executor, planId: number, limit = 100): Promise<PlanVersionView[]> {
  const rows = await db
    .selectFrom("plan_versions as v")
    .leftJoin("users as u", "u.id", "v.actor_id")
    .select(["v.version", "v.summary", "v.created_at", "u.display_name"])
    .where("v.plan_id", "=", planId)
    .orderBy("v.version", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ version: r.version, summary: r.summary, actorName: r.display_name ?? null, createdAt: r.created_at.toISOString() }));
}
