import type { Comment, DB, Kysely } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { insertCommentRevision, lockCommentById, updateCommentBody } from "./queries";
import { updateCommentTone } from "../insight/comment-tones";
import { scoreTone } from "@planpulse/sentiment";
import { refuseIfArchived } from "../cycles/writable";
import { AppError } from "../errors";
import { decideHold } from "../moderation/decide-hold";
import { assertCommentBody } from "./create-comment";
import { assertMentionCount, recordCommentMentions } from "../mentions/comment-mentions";

/**
 * The author changes their text; the previous text is kept in comment_revisions. The new text goes
 * through the same hold rules as a new comment (watch words, links, …): a visible comment edited
 * into something a new comment would be held for is held again, until a moderator looks.
 */
export async function editComment(db: Kysely<DB>, input: { userId: number; commentId: number; body: string }): Promise<Comment> {
  assertCommentBody(input.body);
  assertMentionCount(input.body);
  const edited = await db.transaction().execute(async (trx) => {
    const comment = await lockCommentById(trx, input.commentId);
    if (!comment) throw new AppError("NOT_FOUND", { userMessage: "That comment does not exist." });
    if (comment.author_id !== input.userId) throw new AppError("FORBIDDEN", { userMessage: "You can only edit your own comments." });
    if (comment.deleted_at) throw new AppError("CONFLICT", { userMessage: "This comment was removed, so it can no longer be edited." });
    if (comment.status === "hidden") {
      throw new AppError("CONFLICT", { userMessage: "Moderators hid this comment, so it can no longer be edited." });
    }
    await refuseIfArchived(trx, comment.objective_id);
    if (comment.body === input.body) return comment;
    await insertCommentRevision(trx, { commentId: comment.id, body: comment.body, editorId: input.userId });
    await updateCommentBody(trx, comment.id, input.body);
    let updated = await updateCommentTone(trx, comment.id, scoreTone(input.body));
    const hold = comment.status === "visible" && comment.kind === "member" ? await decideHold(trx, { authorId: input.userId, body: input.body }) : null;
    if (hold?.status === "held") {
      updated = await trx
        .updateTable("comments")
        .set({ status: "held", held_reason: `Edited: ${hold.heldReason}` })
        .where("id", "=", comment.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    await appendAudit(trx, {
      actorId: input.userId,
      action: "comment.edit",
      targetType: "comment",
      targetId: comment.id,
      before: { length: comment.body.length, status: comment.status },
      after: { length: updated.body.length, status: updated.status },
    });
    return updated;
  });
  // Only members not mentioned before hear about it (comment_mentions remembers who was told).
  await recordCommentMentions(db, edited);
  return edited;
}
