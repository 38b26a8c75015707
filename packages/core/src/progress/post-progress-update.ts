import type { DB, Kysely, ObjectiveStatus } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import type { PostProgressUpdateInput } from "@planpulse/validators";
import { AppError } from "../errors";
import { applyProgressRows } from "./bulk-update-progress";
import { assertCanManageDomain, findActiveObjective, type Actor } from "./domain-scope";

/** What listeners hear after a progress update is committed. */
export type ProgressUpdatePosted = {
  updateId: number;
  objectiveId: number;
  objectiveSlug: string;
  objectiveText: string;
  authorId: number;
  body: string;
  status: ObjectiveStatus;
  percentComplete: number;
  postedAt: Date;
};
export type ProgressUpdateListener = (db: Kysely<DB>, event: ProgressUpdatePosted) => Promise<void> | void;

const listeners = new Set<ProgressUpdateListener>();

/**
 * Registers a function to run after every committed progress update (for example, notifying an
 * objective's followers). Returns a function that removes it. Listeners run after the transaction,
 * one after another; a listener's failure is reported but never undoes the update.
 */
export function onProgressUpdatePosted(listener: ProgressUpdateListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Posts a dated progress update on an objective (staff of its domain, or an admin). The update row
 * keeps the status and percent at that moment, and its id and created_at let leadership compare
 * member stance before and after it. `options.notify` runs in addition to registered listeners.
 */
export async function postProgressUpdate(
  db: Kysely<DB>,
  actor: Actor,
  input: PostProgressUpdateInput,
  options: { notify?: ProgressUpdateListener } = {},
): Promise<{ id: number; objectiveSlug: string; postedAt: string }> {
  if ((input.status === undefined) !== (input.percentComplete === undefined)) {
    throw new AppError("BAD_REQUEST", { userMessage: "Give both the status and the percent complete, or neither." });
  }
  const event = await db.transaction().execute(async (trx) => {
    let objective = await findActiveObjective(trx, input.objectiveId);
    await assertCanManageDomain(trx, actor, objective.domain_id);
    if (input.status !== undefined && input.percentComplete !== undefined) {
      await applyProgressRows(trx, actor, [{ objectiveId: objective.id, status: input.status, percentComplete: input.percentComplete }]);
      objective = await findActiveObjective(trx, input.objectiveId);
    }
    const row = await trx
      .insertInto("progress_updates")
      .values({
        objective_id: objective.id,
        author_id: actor.id,
        body: input.body,
        status: objective.status,
        percent_complete: objective.percent_complete,
      })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.id,
      action: "progress.post_update",
      targetType: "objective",
      targetId: objective.slug,
      after: { updateId: row.id, body: input.body },
    });
    return {
      updateId: row.id,
      objectiveId: objective.id,
      objectiveSlug: objective.slug,
      objectiveText: objective.text,
      authorId: actor.id,
      body: input.body,
      status: objective.status,
      percentComplete: objective.percent_complete,
      postedAt: row.created_at,
    } satisfies ProgressUpdatePosted;
  });

  for (const listener of [...listeners, ...(options.notify ? [options.notify] : [])]) {
    try {
      await listener(db, event);
    } catch (error) {
      console.warn(`[progress] a listener failed after update ${event.updateId}:`, error);
    }
  }
  return { id: event.updateId, objectiveSlug: event.objectiveSlug, postedAt: event.postedAt.toISOString() };
}
