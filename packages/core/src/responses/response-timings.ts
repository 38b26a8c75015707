import type { DB, Kysely, Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// How long members waited for the first staff reply (response_timings, and the objective's mark).

/** Records the first staff reply to a member comment; a second reply changes nothing. */
export async function recordFirstResponse(
  db: Executor,
  timing: { commentId: number; objectiveId: number; responseId: number; responderId: number; commentCreatedAt: Date; respondedAt: Date },
): Promise<boolean> {
  const seconds = Math.max(0, Math.round((timing.respondedAt.getTime() - timing.commentCreatedAt.getTime()) / 1000));
  const inserted = await db
    .insertInto("response_timings")
    .values({
      comment_id: timing.commentId,
      objective_id: timing.objectiveId,
      response_id: timing.responseId,
      responder_id: timing.responderId,
      first_response_at: timing.respondedAt,
      seconds,
    })
    .onConflict((oc) => oc.column("comment_id").doNothing())
    .returning("comment_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function markObjectiveFirstStaffResponse(db: Executor, objectiveId: number, at: Date): Promise<void> {
  await db.updateTable("objectives").set({ first_staff_response_at: at }).where("id", "=", objectiveId).where("first_staff_response_at", "is", null).execute();
}
