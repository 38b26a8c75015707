import type { Comment, DB, Kysely } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { lockCommentById, softDeleteComment } from "./queries";
import { AppError } from "../errors";

/** The author removes their comment: a soft delete; the row and its revisions stay. */
export async function deleteComment(db: Kysely<DB>, input: { userId: number; commentId: number }): Promise<Comment> {
  return db.transaction().execute(async (trx) => {
    const comment = await lockCommentById(trx, input.commentId);
    if (!comment) throw new AppError("NOT_FOUND", { userMessage: "That comment does not exist." });
    if (comment.author_id !== input.userId) throw new AppError("FORBIDDEN", { userMessage: "You can only delete your own comments." });
    // A second submit of the same form changes nothing.
    if (comment.deleted_at) return comment;
    const deleted = await softDeleteComment(trx, comment.id);
    await appendAudit(trx, {
      actorId: input.userId,
      action: "comment.delete",
      targetType: "comment",
      targetId: comment.id,
      before: { status: comment.status },
      after: { deletedAt: deleted.deleted_at },
    });
    return deleted;
  });
}
