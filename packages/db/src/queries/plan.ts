import type { Kysely, Transaction } from "kysely";
import type { DB, Domain, Objective, Plan } from "../schema";

type Executor = Kysely<DB> | Transaction<DB>;

export function findCurrentPlan(db: Executor): Promise<Plan | undefined> {
  return db.selectFrom("plans").selectAll().orderBy("id").limit(1).executeTakeFirst();
}

export function listDomains(db: Executor, planId: number): Promise<Domain[]> {
  return db.selectFrom("domains").selectAll().where("plan_id", "=", planId).orderBy("position").execute();
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
  if (!options.includeRetired) query = query.where("objectives.retired_at", "is", null);
  return query.orderBy("domains.position").orderBy("objectives.position").execute();
}

export function listObjectivesInDomain(db: Executor, domainId: number): Promise<Objective[]> {
  return db
    .selectFrom("objectives")
    .selectAll()
    .where("domain_id", "=", domainId)
    .where("retired_at", "is", null)
    .orderBy("position")
    .execute();
}

export function findObjectiveBySlug(db: Executor, slug: string): Promise<Objective | undefined> {
  return db.selectFrom("objectives").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/** The objective with its domain's slug and name, in one round trip (the objective page). */
export function findObjectiveWithDomainBySlug(db: Executor, slug: string): Promise<(Objective & { domain_slug: string; domain_name: string }) | undefined> {
  return db
    .selectFrom("objectives")
    .innerJoin("domains", "domains.id", "objectives.domain_id")
    .selectAll("objectives")
    .select(["domains.slug as domain_slug", "domains.name as domain_name"])
    .where("objectives.slug", "=", slug)
    .executeTakeFirst();
}
