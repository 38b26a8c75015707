import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import type {
  z,
  AddDomainSchema,
  MoveDomainSchema,
  RenameDomainSchema,
  RetireDomainSchema,
  AddObjectiveSchema,
  DomainGoalSchema,
  EditObjectiveSchema,
  MoveObjectiveSchema,
  PlanStatementSchema,
  RetireObjectiveSchema,
} from "@planpulse/validators";
import { AppError } from "../errors";
import { slugify } from "../plan/parse-plan-text";
import type { Actor } from "../progress/domain-scope";
import { bumpPlanVersion, lockCurrentPlan } from "./plan-versions";

export type PlanEditResult = { changed: boolean; version: number };

async function findDomainInPlan(trx: Transaction<DB>, planId: number, domainId: number) {
  const domain = await trx.selectFrom("domains").selectAll().where("id", "=", domainId).where("plan_id", "=", planId).executeTakeFirst();
  if (!domain) throw new AppError("NOT_FOUND", { userMessage: "There is no such domain in the plan." });
  return domain;
}

async function findObjectiveInPlan(trx: Transaction<DB>, planId: number, objectiveId: number) {
  const objective = await trx
    .selectFrom("objectives")
    .innerJoin("domains", "domains.id", "objectives.domain_id")
    .selectAll("objectives")
    .where("objectives.id", "=", objectiveId)
    .where("domains.plan_id", "=", planId)
    .executeTakeFirst();
  if (!objective) throw new AppError("NOT_FOUND", { userMessage: "There is no such objective in the plan." });
  return objective;
}

/** Runs one plan edit: lock the plan, apply, and when something changed, audit and record a version. */
async function editPlan(
  db: Kysely<DB>,
  actor: Actor,
  apply: (
    trx: Transaction<DB>,
    planId: number,
  ) => Promise<null | {
    action: string;
    targetType: string;
    targetId: string | number;
    before?: unknown;
    after?: unknown;
    reason?: string | null;
    summary: string;
  }>,
): Promise<PlanEditResult> {
  return db.transaction().execute(async (trx) => {
    const plan = await lockCurrentPlan(trx);
    const change = await apply(trx, plan.id);
    if (!change) return { changed: false, version: plan.version };
    await appendAudit(trx, {
      actorId: actor.id,
      action: change.action,
      targetType: change.targetType,
      targetId: change.targetId,
      before: change.before,
      after: change.after,
      reason: change.reason ?? null,
    });
    const version = await bumpPlanVersion(trx, plan.id, actor.id, change.summary);
    return { changed: true, version };
  });
}

export function updatePlanStatement(db: Kysely<DB>, actor: Actor, input: z.output<typeof PlanStatementSchema>) {
  return editPlan(db, actor, async (trx, planId) => {
    const plan = await trx.selectFrom("plans").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    const before = { mission: plan.mission, vision: plan.vision, values: plan.values };
    const after = { mission: input.mission, vision: input.vision, values: input.values };
    if (JSON.stringify(before) === JSON.stringify(after)) return null;
    await trx
      .updateTable("plans")
      .set({ mission: after.mission, vision: after.vision, values: JSON.stringify(after.values), updated_at: new Date() })
      .where("id", "=", planId)
      .execute();
    const fields = (["mission", "vision", "values"] as const).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    return {
      action: "plan.edit_statement",
      targetType: "plan",
      targetId: planId,
      before: Object.fromEntries(fields.map((f) => [f, before[f]])),
      after: Object.fromEntries(fields.map((f) => [f, after[f]])),
      summary: `Edited the ${fields.join(", ")}`,
    };
  });
}

export function updateDomainGoal(db: Kysely<DB>, actor: Actor, input: z.output<typeof DomainGoalSchema>) {
  return editPlan(db, actor, async (trx, planId) => {
    const domain = await findDomainInPlan(trx, planId, input.domainId);
    if (domain.goal_statement === input.goalStatement) return null;
    await trx.updateTable("domains").set({ goal_statement: input.goalStatement, updated_at: new Date() }).where("id", "=", domain.id).execute();
    return {
      action: "plan.edit_domain_goal",
      targetType: "domain",
      targetId: domain.slug,
      before: { goalStatement: domain.goal_statement },
      after: { goalStatement: input.goalStatement },
      summary: `Edited the goal statement of ${domain.name}`,
    };
  });
}

export function updateObjectiveText(db: Kysely<DB>, actor: Actor, input: z.output<typeof EditObjectiveSchema>) {
  return editPlan(db, actor, async (trx, planId) => {
    const objective = await findObjectiveInPlan(trx, planId, input.objectiveId);
    if (objective.text === input.text && objective.is_urgent === input.isUrgent) return null;
    await trx.updateTable("objectives").set({ text: input.text, is_urgent: input.isUrgent, updated_at: new Date() }).where("id", "=", objective.id).execute();
    return {
      action: "plan.edit_objective",
      targetType: "objective",
      targetId: objective.slug,
      before: { text: objective.text, isUrgent: objective.is_urgent },
      after: { text: input.text, isUrgent: input.isUrgent },
      summary: `Edited objective ${objective.slug}`,
    };
  });
}

export async function addObjective(db: Kysely<DB>, actor: Actor, input: z.output<typeof AddObjectiveSchema>): Promise<PlanEditResult & { slug: string }> {
  let slug = "";
  const result = await editPlan(db, actor, async (trx, planId) => {
    const domain = await findDomainInPlan(trx, planId, input.domainId);
    const siblings = await trx.selectFrom("objectives").select(["slug", "position"]).where("domain_id", "=", domain.id).execute();
    const taken = new Set((await trx.selectFrom("objectives").select("slug").where("slug", "like", `${domain.slug}-%`).execute()).map((o) => o.slug));
    let n = siblings.length + 1;
    while (taken.has(`${domain.slug}-${n}`)) n += 1;
    slug = `${domain.slug}-${n}`;
    const position = Math.max(0, ...siblings.map((s) => s.position)) + 1;
    await trx.insertInto("objectives").values({ domain_id: domain.id, slug, position, text: input.text, is_urgent: input.isUrgent }).execute();
    return {
      action: "plan.add_objective",
      targetType: "objective",
      targetId: slug,
      after: { domain: domain.slug, text: input.text, isUrgent: input.isUrgent, position },
      summary: `Added objective ${slug} to ${domain.name}`,
    };
  });
  return { ...result, slug };
}

export function moveObjective(db: Kysely<DB>, actor: Actor, input: z.output<typeof MoveObjectiveSchema>) {
  return editPlan(db, actor, async (trx, planId) => {
    const objective = await findObjectiveInPlan(trx, planId, input.objectiveId);
    if (objective.retired_at) throw new AppError("BAD_REQUEST", { userMessage: "A retired objective cannot be moved." });
    const siblings = await trx
      .selectFrom("objectives")
      .select(["id", "position", "slug"])
      .where("domain_id", "=", objective.domain_id)
      .where("retired_at", "is", null)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const index = siblings.findIndex((s) => s.id === objective.id);
    const neighbourIndex = input.direction === "up" ? index - 1 : index + 1;
    const neighbour = siblings[neighbourIndex];
    if (!neighbour) return null; // already first or last: nothing to do
    // Renumber the whole domain so duplicate or gapped positions can never make a swap a no-op.
    const order = siblings.map((s) => s.id);
    [order[index], order[neighbourIndex]] = [order[neighbourIndex]!, order[index]!];
    const before = siblings.map((s) => s.slug);
    for (const [i, id] of order.entries()) {
      await trx
        .updateTable("objectives")
        .set({ position: i + 1, updated_at: new Date() })
        .where("id", "=", id)
        .execute();
    }
    const slugById = new Map(siblings.map((s) => [s.id, s.slug]));
    return {
      action: "plan.move_objective",
      targetType: "objective",
      targetId: objective.slug,
      before: { order: before },
      after: { order: order.map((id) => slugById.get(id)) },
      summary: `Moved objective ${objective.slug} ${input.direction}`,
    };
  });
}

/** Retired, never deleted: votes, comments and links stay; the portal lists stop showing it. */
export function retireObjective(db: Kysely<DB>, actor: Actor, input: z.output<typeof RetireObjectiveSchema>) {
  return editPlan(db, actor, async (trx, planId) => {
    const objective = await findObjectiveInPlan(trx, planId, input.objectiveId);
    if (objective.retired_at) return null;
    await trx.updateTable("objectives").set({ retired_at: new Date(), updated_at: new Date() }).where("id", "=", objective.id).execute();
    return {
      action: "plan.retire_objective",
      targetType: "objective",
      targetId: objective.slug,
      before: { retired: false },
      after: { retired: true },
      reason: input.reason ?? null,
      summary: `Retired objective ${objective.slug}`,
    };
  });
}

export function restoreObjective(db: Kysely<DB>, actor: Actor, input: { objectiveId: number }) {
  return editPlan(db, actor, async (trx, planId) => {
    const objective = await findObjectiveInPlan(trx, planId, input.objectiveId);
    if (!objective.retired_at) return null;
    await trx.updateTable("objectives").set({ retired_at: null, updated_at: new Date() }).where("id", "=", objective.id).execute();
    return {
      action: "plan.restore_objective",
      targetType: "objective",
      targetId: objective.slug,
      before: { retired: true },
      after: { retired: false },
      summary: `Restored objective ${objective.slug}`,
    };
  });
}

// ── Domains (decision 024): added, renamed, reordered and retired; never deleted ──

export async function addDomain(db: Kysely<DB>, actor: Actor, input: z.output<typeof AddDomainSchema>): Promise<PlanEditResult & { slug: string }> {
  let slug = "";
  const result = await editPlan(db, actor, async (trx, planId) => {
    const siblings = await trx.selectFrom("domains").select(["name", "position"]).where("plan_id", "=", planId).execute();
    if (siblings.some((d) => d.name.toLowerCase() === input.name.toLowerCase())) {
      throw new AppError("CONFLICT", {
        userMessage: "The plan has a domain with this name already.",
        fieldErrors: { name: ["The plan has a domain with this name already"] },
      });
    }
    const base = slugify(input.name) || "domain";
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await trx.selectFrom("domains").select("id").where("slug", "=", candidate).executeTakeFirst())) {
        slug = candidate;
        break;
      }
    }
    const position = Math.max(0, ...siblings.map((d) => d.position)) + 1;
    await trx.insertInto("domains").values({ plan_id: planId, slug, name: input.name, goal_statement: input.goalStatement, position }).execute();
    return {
      action: "plan.add_domain",
      targetType: "domain",
      targetId: slug,
      after: { name: input.name, goalStatement: input.goalStatement, position },
      summary: `Added domain ${input.name}`,
    };
  });
  return { ...result, slug };
}

/** A new name; the slug (and so every link) stays. */
export function renameDomain(db: Kysely<DB>, actor: Actor, input: z.output<typeof RenameDomainSchema>) {
  return editPlan(db, actor, async (trx, planId) => {
    const domain = await findDomainInPlan(trx, planId, input.domainId);
    if (domain.name === input.name) return null;
    const clash = await trx
      .selectFrom("domains")
      .select("id")
      .where("plan_id", "=", planId)
      .where("id", "!=", domain.id)
      .where(sql`lower(name)`, "=", input.name.toLowerCase())
      .executeTakeFirst();
    if (clash)
      throw new AppError("CONFLICT", {
        userMessage: "The plan has a domain with this name already.",
        fieldErrors: { name: ["The plan has a domain with this name already"] },
      });
    await trx.updateTable("domains").set({ name: input.name, updated_at: new Date() }).where("id", "=", domain.id).execute();
    return {
      action: "plan.rename_domain",
      targetType: "domain",
      targetId: domain.slug,
      before: { name: domain.name },
      after: { name: input.name },
      summary: `Renamed domain ${domain.name} to ${input.name}`,
    };
  });
}

export function moveDomain(db: Kysely<DB>, actor: Actor, input: z.output<typeof MoveDomainSchema>) {
  return editPlan(db, actor, async (trx, planId) => {
    const domain = await findDomainInPlan(trx, planId, input.domainId);
    if (domain.retired_at) throw new AppError("BAD_REQUEST", { userMessage: "A retired domain cannot be moved." });
    const siblings = await trx
      .selectFrom("domains")
      .select(["id", "slug"])
      .where("plan_id", "=", planId)
      .where("retired_at", "is", null)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const index = siblings.findIndex((s) => s.id === domain.id);
    const neighbourIndex = input.direction === "up" ? index - 1 : index + 1;
    if (!siblings[neighbourIndex]) return null;
    const order = siblings.map((s) => s.id);
    [order[index], order[neighbourIndex]] = [order[neighbourIndex]!, order[index]!];
    for (const [i, id] of order.entries()) {
      await trx
        .updateTable("domains")
        .set({ position: i + 1, updated_at: new Date() })
        .where("id", "=", id)
        .execute();
    }
    const slugById = new Map(siblings.map((s) => [s.id, s.slug]));
    return {
      action: "plan.move_domain",
      targetType: "domain",
      targetId: domain.slug,
      before: { order: siblings.map((s) => s.slug) },
      after: { order: order.map((id) => slugById.get(id)) },
      summary: `Moved domain ${domain.name} ${input.direction}`,
    };
  });
}

/** Hidden from the current plan with its objectives; votes, comments and figures stay. */
export function retireDomain(db: Kysely<DB>, actor: Actor, input: z.output<typeof RetireDomainSchema>) {
  return editPlan(db, actor, async (trx, planId) => {
    const domain = await findDomainInPlan(trx, planId, input.domainId);
    if (domain.retired_at) return null;
    await trx.updateTable("domains").set({ retired_at: new Date(), updated_at: new Date() }).where("id", "=", domain.id).execute();
    return {
      action: "plan.retire_domain",
      targetType: "domain",
      targetId: domain.slug,
      before: { retired: false },
      after: { retired: true },
      reason: input.reason ?? null,
      summary: `Retired domain ${domain.name}`,
    };
  });
}

export function restoreDomain(db: Kysely<DB>, actor: Actor, input: { domainId: number }) {
  return editPlan(db, actor, async (trx, planId) => {
    const domain = await findDomainInPlan(trx, planId, input.domainId);
    if (!domain.retired_at) return null;
    await trx.updateTable("domains").set({ retired_at: null, updated_at: new Date() }).where("id", "=", domain.id).execute();
    return {
      action: "plan.restore_domain",
      targetType: "domain",
      targetId: domain.slug,
      before: { retired: true },
      after: { retired: false },
      summary: `Restored domain ${domain.name}`,
    };
  });
}
