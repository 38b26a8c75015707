import type { DB, Domain, Kysely, Objective, Plan, PlanCycle, Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

/** The plan of the active cycle (decision 024). */
export function findCurrentPlan(db: Executor): Promise<Plan | undefined> {
  return db
    .selectFrom("plans")
    .innerJoin("plan_cycles", "plan_cycles.id", "plans.cycle_id")
    .selectAll("plans")
    .where("plan_cycles.status", "=", "active")
    .orderBy("plans.id")
    .limit(1)
    .executeTakeFirst();
}

export function listPlanCycles(db: Executor): Promise<PlanCycle[]> {
  return db.selectFrom("plan_cycles").selectAll().orderBy("started_at", "desc").orderBy("id", "desc").execute();
}

export function findActivePlanCycle(db: Executor): Promise<PlanCycle | undefined> {
  return db.selectFrom("plan_cycles").selectAll().where("status", "=", "active").executeTakeFirst();
}

/** A cycle and its plan, by the cycle's slug. */
export async function findCycleWithPlan(db: Executor, cycleSlug: string): Promise<{ cycle: PlanCycle; plan: Plan } | undefined> {
  const cycle = await db.selectFrom("plan_cycles").selectAll().where("slug", "=", cycleSlug).executeTakeFirst();
  if (!cycle) return undefined;
  const plan = await db.selectFrom("plans").selectAll().where("cycle_id", "=", cycle.id).executeTakeFirst();
  return plan ? { cycle, plan } : undefined;
}

/** The plan's domains in order; retired ones only when asked (the editor and the archive). */
export function listDomains(db: Executor, planId: number, options: { includeRetired?: boolean } = {}): Promise<Domain[]> {
  let query = db.selectFrom("domains").selectAll().where("plan_id", "=", planId);
  if (!options.includeRetired) query = query.where("retired_at", "is", null);
  return query.orderBy("position").orderBy("id").execute();
}

export function findDomainBySlug(db: Executor, slug: string): Promise<Domain | undefined> {
  return db.selectFrom("domains").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function listObjectives(db: Executor, planId: number, options: { includeRetired?: boolean } = {}): Promise<Objective[]> {
  let query = db
    .selectFrom("objectives")
    .innerJoin("domains", "domains.id", "objectives.domain_id")
    .selectAll("objectives")
    .where("domains.plan_id", "=", planId);
  if (!options.includeRetired) query = query.where("objectives.retired_at", "is", null).where("domains.retired_at", "is", null);
  return query.orderBy("domains.position").orderBy("objectives.position").execute();
}

export function listObjectivesInDomain(db: Executor, domainId: number): Promise<Objective[]> {
  return db.selectFrom("objectives").selectAll().where("domain_id", "=", domainId).where("retired_at", "is", null).orderBy("position").execute();
}

export function findObjectiveBySlug(db: Executor, slug: string): Promise<Objective | undefined> {
  return db.selectFrom("objectives").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/**
 * The objective page's head in one round trip: the objective, its domain's slug and name, its plan
 * cycle, and the earlier cycle's objective it continues (cycle_* and from_* columns; null when none).
 */
export function findObjectiveWithDomainBySlug(db: Executor, slug: string) {
  return db
    .selectFrom("objectives")
    .innerJoin("domains", "domains.id", "objectives.domain_id")
    .innerJoin("plans", "plans.id", "domains.plan_id")
    .innerJoin("plan_cycles", "plan_cycles.id", "plans.cycle_id")
    .leftJoin("objectives as from_o", "from_o.id", "objectives.carried_from_objective_id")
    .leftJoin("domains as from_d", "from_d.id", "from_o.domain_id")
    .leftJoin("plans as from_p", "from_p.id", "from_d.plan_id")
    .leftJoin("plan_cycles as from_c", "from_c.id", "from_p.cycle_id")
    .selectAll("objectives")
    .select([
      "domains.slug as domain_slug",
      "domains.name as domain_name",
      "plan_cycles.id as cycle_id",
      "plan_cycles.slug as cycle_slug",
      "plan_cycles.name as cycle_name",
      "plan_cycles.status as cycle_status",
      "plan_cycles.started_at as cycle_started_at",
      "plan_cycles.ended_at as cycle_ended_at",
      "from_o.slug as from_slug",
      "from_o.text as from_text",
      "from_c.slug as from_cycle_slug",
      "from_c.name as from_cycle_name",
    ])
    .where("objectives.slug", "=", slug)
    .executeTakeFirst();
}
