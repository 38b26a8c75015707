import { appendAudit, insertCommentRevision, lockCommentById, updateCommentBody, updateCommentTone, type Comment, type DB, type Kysely } from "@planpulse/db";
import { scoreTone } from "@planpulse/sentiment";
import { AppError } from "../errors";
import { assertCommentBody } from "./create-comment";

/** The author changes their text; the previous text is kept in comment_revisions. */
export async function editComment(db: Kysely<DB>, input: { userId: number; commentId: number; body: string }): Promise<Comment> {
  assertCommentBody(input.body);
  return db.transaction().execute(async (trx) => {
    const comment = await lockCommentById(trx, input.commentId);
    if (!comment) throw new AppError("NOT_FOUND", { userMessage: "That comment does not exist." });
    if (comment.author_id !== input.userId) throw new AppError("FORBIDDEN", { userMessage: "You can only edit your own comments." });
    if (comment.deleted_at) throw new AppError("CONFLICT", { userMessage: "This comment was removed, so it can no longer be edited." });
    if (comment.status === "hidden") {
      throw new AppError("CONFLICT", { userMessage: "Moderators hid this comment, so it can no longer be edited." });
    }
    if (comment.body === input.body) return comment;
    await insertCommentRevision(trx, { commentId: comment.id, body: comment.body, editorId: input.userId });
    await updateCommentBody(trx, comment.id, input.body);
    const updated = await updateCommentTone(trx, comment.id, scoreTone(input.body));
    await appendAudit(trx, {
      actorId: input.userId,
      action: "comment.edit",
      targetType: "comment",
      targetId: comment.id,
      before: { length: comment.body.length },
      after: { length: updated.body.length },
    });
    return updated;
  });
}
