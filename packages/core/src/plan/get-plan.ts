import type { DB, Domain, Kysely, Objective, Plan, ObjectiveStatus } from "@planpulse/db";
import {
  findCurrentPlan,
  findCycleWithPlan,
  findDomainBySlug,
  findObjectiveWithDomainBySlug,
  listDomains,
  listObjectives,
  listObjectivesInDomain,
} from "./queries";
import { AppError } from "../errors";

export type ObjectiveView = {
  id: number;
  slug: string;
  domainSlug: string;
  position: number;
  text: string;
  isUrgent: boolean;
  status: ObjectiveStatus;
  percentComplete: number;
};
export type DomainView = {
  id: number;
  slug: string;
  name: string;
  aliases: string[];
  goalStatement: string;
  position: number;
  objectives: ObjectiveView[];
};
export type CycleRef = { id: number; slug: string; name: string; status: "active" | "archived"; startedAt: string; endedAt: string | null };
export type PlanView = {
  cycle: CycleRef;
  id: number;
  slug: string;
  title: string;
  intro: string;
  mission: string;
  vision: string;
  values: string[];
  version: number;
  updatedAt: string;
  domains: DomainView[];
};

function toObjectiveView(objective: Objective, domainSlug: string): ObjectiveView {
  return {
    id: objective.id,
    slug: objective.slug,
    domainSlug,
    position: objective.position,
    text: objective.text,
    isUrgent: objective.is_urgent,
    status: objective.status,
    percentComplete: objective.percent_complete,
  };
}

function toDomainView(domain: Domain, objectives: Objective[]): DomainView {
  return {
    id: domain.id,
    slug: domain.slug,
    name: domain.name,
    aliases: domain.aliases,
    goalStatement: domain.goal_statement,
    position: domain.position,
    objectives: objectives.filter((o) => o.domain_id === domain.id).map((o) => toObjectiveView(o, domain.slug)),
  };
}

/** The plan in use; NOT_FOUND (with `hint` appended to the message) before one is imported. */
export async function requireCurrentPlan(db: Kysely<DB>, hint = "") {
  const plan = await findCurrentPlan(db);
  if (!plan) throw new AppError("NOT_FOUND", { userMessage: `No plan has been imported yet.${hint}` });
  return plan;
}

export async function getPlan(db: Kysely<DB>): Promise<PlanView> {
  return planView(db, await requireCurrentPlan(db, " Run `pnpm db:seed`."));
}

/** A cycle's plan by the cycle's slug (the archive at /plans/<cycle>); NOT_FOUND for an unknown slug. */
export async function getCyclePlan(db: Kysely<DB>, cycleSlug: string): Promise<PlanView> {
  const found = await findCycleWithPlan(db, cycleSlug);
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "There is no plan cycle with that name." });
  return planView(db, found.plan);
}

export async function cycleRef(db: Kysely<DB>, cycleId: number): Promise<CycleRef> {
  const cycle = await db.selectFrom("plan_cycles").selectAll().where("id", "=", cycleId).executeTakeFirstOrThrow();
  return {
    id: cycle.id,
    slug: cycle.slug,
    name: cycle.name,
    status: cycle.status,
    startedAt: cycle.started_at.toISOString(),
    endedAt: cycle.ended_at?.toISOString() ?? null,
  };
}

async function planView(db: Kysely<DB>, plan: Plan): Promise<PlanView> {
  const [domains, objectives, cycle] = await Promise.all([listDomains(db, plan.id), listObjectives(db, plan.id), cycleRef(db, plan.cycle_id)]);
  return {
    cycle,
    id: plan.id,
    slug: plan.slug,
    title: plan.title,
    intro: plan.intro,
    mission: plan.mission,
    vision: plan.vision,
    values: plan.values,
    version: plan.version,
    updatedAt: plan.updated_at.toISOString(),
    domains: domains.map((d) => toDomainView(d, objectives)),
  };
}

export async function getDomain(db: Kysely<DB>, slug: string): Promise<DomainView & { cycle: CycleRef; retiredAt: string | null }> {
  const domain = await findDomainBySlug(db, slug);
  if (!domain) throw new AppError("NOT_FOUND", { userMessage: `There is no domain called “${slug}”.` });
  const plan = await db.selectFrom("plans").select("cycle_id").where("id", "=", domain.plan_id).executeTakeFirstOrThrow();
  return {
    ...toDomainView(domain, await listObjectivesInDomain(db, domain.id)),
    cycle: await cycleRef(db, plan.cycle_id),
    retiredAt: domain.retired_at?.toISOString() ?? null,
  };
}

/** `retiredAt` is set for a retired objective: its page stays (saying so) though the lists no longer show it. */
export type ObjectiveDetail = ObjectiveView & {
  domain: { slug: string; name: string };
  retiredAt: string | null;
  /** The plan cycle it belongs to: an archived cycle's objectives are read-only (decision 024). */
  cycle: CycleRef;
  /** The objective of an earlier cycle this one continues, where an admin linked them. */
  carriedFrom: { slug: string; text: string; cycleSlug: string; cycleName: string } | null;
};

export async function getObjective(db: Kysely<DB>, slug: string): Promise<ObjectiveDetail> {
  // The objective, its domain, its cycle and what it continues: one statement (issue 16).
  const found = await findObjectiveWithDomainBySlug(db, slug);
  if (!found) {
    throw new AppError("NOT_FOUND", { userMessage: `There is no objective called “${slug}”.` });
  }
  const {
    domain_slug,
    domain_name,
    cycle_id,
    cycle_slug,
    cycle_name,
    cycle_status,
    cycle_started_at,
    cycle_ended_at,
    from_slug,
    from_text,
    from_cycle_slug,
    from_cycle_name,
    ...objective
  } = found;
  const carriedFrom: ObjectiveDetail["carriedFrom"] =
    from_slug !== null && from_text !== null && from_cycle_slug !== null && from_cycle_name !== null
      ? { slug: from_slug, text: from_text, cycleSlug: from_cycle_slug, cycleName: from_cycle_name }
      : null;
  return {
    ...toObjectiveView(objective, domain_slug),
    domain: { slug: domain_slug, name: domain_name },
    retiredAt: objective.retired_at?.toISOString() ?? null,
    cycle: {
      id: cycle_id,
      slug: cycle_slug,
      name: cycle_name,
      status: cycle_status,
      startedAt: cycle_started_at.toISOString(),
      endedAt: cycle_ended_at?.toISOString() ?? null,
    },
    carriedFrom,
  };
}
