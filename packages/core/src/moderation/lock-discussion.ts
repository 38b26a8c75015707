import type { DB, Kysely } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import type { LockDiscussionInput } from "@planpulse/validators";
import { AppError } from "../errors";
import type { Moderator } from "./moderate-comments";

export async function setDiscussionLock(db: Kysely<DB>, moderator: Moderator, input: LockDiscussionInput): Promise<{ locked: boolean }> {
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const objective = await trx
      .selectFrom("objectives")
      .select(["id", "slug", "discussion_locked_at"])
      .where("id", "=", input.objectiveId)
      .forUpdate()
      .executeTakeFirst();
    if (!objective) throw new AppError("NOT_FOUND", { userMessage: "We could not find that objective. Nothing was changed." });
    const isLocked = objective.discussion_locked_at !== null;
    if (isLocked === input.locked) {
      throw new AppError("CONFLICT", {
        userMessage: input.locked ? "This discussion is already locked. Nothing was changed." : "This discussion is not locked. Nothing was changed.",
      });
    }
    await trx
      .updateTable("objectives")
      .set({ discussion_locked_at: input.locked ? now : null, discussion_locked_by: input.locked ? moderator.id : null })
      .where("id", "=", objective.id)
      .execute();
    await appendAudit(trx, {
      actorId: moderator.id,
      action: input.locked ? "objective.lock_discussion" : "objective.unlock_discussion",
      targetType: "objective",
      targetId: objective.id,
      reason: input.reason || null,
      before: { discussionLocked: isLocked },
      after: { discussionLocked: input.locked },
    });
    return { locked: input.locked };
  });
}
