import { appendAudit, type DB, type Kysely, type Transaction } from "@planpulse/db";
import type { z } from "@planpulse/validators";
import type {
  AddObjectiveSchema,
  DomainGoalSchema,
  EditObjectiveSchema,
  MoveObjectiveSchema,
  PlanStatementSchema,
  RetireObjectiveSchema,
} from "@planpulse/validators";
import { AppError } from "../errors";
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
  apply: (trx: Transaction<DB>, planId: number) => Promise<null | { action: string; targetType: string; targetId: string | number; before?: unknown; after?: unknown; reason?: string | null; summary: string }>,
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
    await trx
      .updateTable("objectives")
      .set({ text: input.text, is_urgent: input.isUrgent, updated_at: new Date() })
      .where("id", "=", objective.id)
      .execute();
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
      await trx.updateTable("objectives").set({ position: i + 1, updated_at: new Date() }).where("id", "=", id).execute();
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
