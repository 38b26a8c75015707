import type { DB, FlagReason, Kysely } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { findCommentById, insertCommentFlag } from "./queries";
import { AppError } from "../errors";
import { notifyModerators } from "../notifications/notify";

/** A member reports someone else's comment to the moderators, once per comment. */
export async function flagComment(
  db: Kysely<DB>,
  input: { userId: number; commentId: number; reason: FlagReason; note?: string | null },
): Promise<{ flagged: true }> {
  const note = input.note?.trim() ? input.note.trim() : null;
  if (input.reason === "other" && !note) {
    throw new AppError("BAD_REQUEST", { userMessage: "Tell the moderators what is wrong", fieldErrors: { note: ["Tell the moderators what is wrong"] } });
  }
  const comment = await db.transaction().execute(async (trx) => {
    const comment = await findCommentById(trx, input.commentId);
    if (!comment || comment.deleted_at || (comment.status === "held" && comment.author_id !== input.userId)) {
      throw new AppError("NOT_FOUND", { userMessage: "That comment does not exist." });
    }
    if (comment.author_id === input.userId) throw new AppError("FORBIDDEN", { userMessage: "You can't flag your own comment." });
    const inserted = await insertCommentFlag(trx, { commentId: comment.id, userId: input.userId, reason: input.reason, note });
    if (!inserted) throw new AppError("CONFLICT", { userMessage: "You already flagged this comment" });
    await appendAudit(trx, {
      actorId: input.userId,
      action: "comment.flag",
      targetType: "comment",
      targetId: comment.id,
      reason: input.reason,
      after: note ? { note } : undefined,
    });
    return comment;
  });
  await notifyModerators(db, { kind: "comment_flagged", objectiveId: comment.objective_id, commentId: comment.id, actorId: input.userId });
  return { flagged: true as const };
}
