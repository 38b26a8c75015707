import {
  findCurrentPlan,
  findDomainBySlug,
  findObjectiveWithDomainBySlug,
  listDomains,
  listObjectives,
  listObjectivesInDomain,
  type DB,
  type Domain,
  type Kysely,
  type Objective,
  type ObjectiveStatus,
} from "@planpulse/db";
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
export type PlanView = {
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
  const plan = await requireCurrentPlan(db, " Run `pnpm db:seed`.");
  const [domains, objectives] = await Promise.all([listDomains(db, plan.id), listObjectives(db, plan.id)]);
  return {
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

export async function getDomain(db: Kysely<DB>, slug: string): Promise<DomainView> {
  const domain = await findDomainBySlug(db, slug);
  if (!domain) throw new AppError("NOT_FOUND", { userMessage: `There is no domain called “${slug}”.` });
  return toDomainView(domain, await listObjectivesInDomain(db, domain.id));
}

/** `retiredAt` is set for a retired objective: its page stays (saying so) though the lists no longer show it. */
export type ObjectiveDetail = ObjectiveView & { domain: { slug: string; name: string }; retiredAt: string | null };

export async function getObjective(db: Kysely<DB>, slug: string): Promise<ObjectiveDetail> {
  const found = await findObjectiveWithDomainBySlug(db, slug);
  if (!found) {
    throw new AppError("NOT_FOUND", { userMessage: `There is no objective called “${slug}”.` });
  }
  const { domain_slug, domain_name, ...objective } = found;
  return { ...toObjectiveView(objective, domain_slug), domain: { slug: domain_slug, name: domain_name }, retiredAt: objective.retired_at?.toISOString() ?? null };
}
