import type { DB, Kysely, Transaction } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { findMilestone } from "./queries";
import type { AddMilestoneInput, UpdateMilestoneInput } from "@planpulse/validators";
import { AppError } from "../errors";
import { assertCanManageDomain, findActiveObjective, type Actor } from "./domain-scope";

async function milestoneInScope(trx: Transaction<DB>, actor: Actor, milestoneId: number) {
  const milestone = await findMilestone(trx, milestoneId);
  if (!milestone || milestone.retired_at) throw new AppError("NOT_FOUND", { userMessage: "There is no such milestone (it may have been removed)." });
  const objective = await findActiveObjective(trx, milestone.objective_id);
  await assertCanManageDomain(trx, actor, objective.domain_id);
  return { milestone, objective };
}

function view(m: { title: string; due_date: string | null; done: boolean }) {
  return { title: m.title, dueDate: m.due_date, done: m.done };
}

export async function addMilestone(db: Kysely<DB>, actor: Actor, input: AddMilestoneInput): Promise<{ id: number }> {
  return db.transaction().execute(async (trx) => {
    const objective = await findActiveObjective(trx, input.objectiveId);
    await assertCanManageDomain(trx, actor, objective.domain_id);
    const row = await trx
      .insertInto("milestones")
      .values({ objective_id: objective.id, title: input.title, due_date: input.dueDate ?? null, done: input.done })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.id,
      action: "milestone.add",
      targetType: "objective",
      targetId: objective.slug,
      after: { milestoneId: row.id, title: input.title, dueDate: input.dueDate ?? null, done: input.done },
    });
    return { id: row.id };
  });
}

export async function updateMilestone(db: Kysely<DB>, actor: Actor, input: UpdateMilestoneInput): Promise<{ changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const { milestone, objective } = await milestoneInScope(trx, actor, input.milestoneId);
    const before = view(milestone);
    const after = { title: input.title, dueDate: input.dueDate ?? null, done: input.done };
    if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };
    await trx
      .updateTable("milestones")
      .set({ title: after.title, due_date: after.dueDate, done: after.done, updated_at: new Date() })
      .where("id", "=", milestone.id)
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: "milestone.update",
      targetType: "objective",
      targetId: objective.slug,
      before,
      after: { milestoneId: milestone.id, ...after },
    });
    return { changed: true };
  });
}

/** Milestones are retired, not deleted, so the history of what was promised stays. */
export async function retireMilestone(db: Kysely<DB>, actor: Actor, input: { milestoneId: number }): Promise<{ retired: true }> {
  return db.transaction().execute(async (trx) => {
    const { milestone, objective } = await milestoneInScope(trx, actor, input.milestoneId);
    await trx.updateTable("milestones").set({ retired_at: new Date(), updated_at: new Date() }).where("id", "=", milestone.id).execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: "milestone.retire",
      targetType: "objective",
      targetId: objective.slug,
      before: { milestoneId: milestone.id, ...view(milestone) },
    });
    return { retired: true };
  });
}
