import type { DB, Kysely } from "@planpulse/db";
import { findCommentById, listCommentRevisions } from "./queries";
import { AppError } from "../errors";
import type { CommentViewer } from "./comment-view";

export type CommentHistory = {
  commentId: number;
  objectiveSlug: string;
  current: { body: string; editedAt: string | null; createdAt: string };
  authorName: string | null;
  /** Earlier texts, newest first; `replacedAt` is when the text was replaced by the next one. */
  revisions: Array<{ id: number; body: string; replacedAt: string; editorName: string | null }>;
};

/** Every earlier text of a comment, for anyone who may read the comment itself. */
export async function getCommentHistory(db: Kysely<DB>, input: { commentId: number; viewer: CommentViewer }): Promise<CommentHistory> {
  const comment = await findCommentById(db, input.commentId);
  const isMine = input.viewer !== null && comment?.author_id === input.viewer.id;
  if (!comment || comment.deleted_at || (comment.status !== "visible" && !isMine)) {
    throw new AppError("NOT_FOUND", { userMessage: "That comment does not exist." });
  }
  const [objective, author, revisions] = await Promise.all([
    db.selectFrom("objectives").select("slug").where("id", "=", comment.objective_id).executeTakeFirstOrThrow(),
    comment.author_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom("users").select("display_name").where("id", "=", comment.author_id).executeTakeFirst(),
    listCommentRevisions(db, comment.id),
  ]);
  return {
    commentId: comment.id,
    objectiveSlug: objective.slug,
    current: {
      body: comment.body,
      editedAt: comment.edited_at ? new Date(comment.edited_at).toISOString() : null,
      createdAt: new Date(comment.created_at).toISOString(),
    },
    authorName: author?.display_name ?? null,
    revisions: revisions.map((revision) => ({
      id: revision.id,
      body: revision.body,
      replacedAt: new Date(revision.created_at).toISOString(),
      editorName: revision.editor_name,
    })),
  };
}
