import type { DB, Kysely } from "@planpulse/db";
import { addCommentMentions, findActiveUsersByHandles } from "./queries";
import { findMentions, MAX_MENTIONS_PER_COMMENT, TOO_MANY_MENTIONS_MESSAGE } from "@planpulse/validators";
import { AppError } from "../errors";
import { notifyMention } from "../notifications/notify";

/** A comment naming more than five distinct @handles is refused with a field error (decision 021). */
export function assertMentionCount(body: string): void {
  if (findMentions(body).length > MAX_MENTIONS_PER_COMMENT) {
    throw new AppError("BAD_REQUEST", { userMessage: TOO_MANY_MENTIONS_MESSAGE, fieldErrors: { body: [TOO_MANY_MENTIONS_MESSAGE] } });
  }
}

/**
 * After a comment is written, edited or approved (and committed): records who it mentions and tells
 * the ones it had not mentioned before. Only a visible comment mentions anyone (a held one waits for
 * the moderators); suspended and deleted accounts and the author are left out, silently, so a
 * mention reveals nothing about them. Resolves to the members told.
 */
export async function recordCommentMentions(
  db: Kysely<DB>,
  comment: { id: number; objective_id: number; author_id: number | null; body: string; status: string; deleted_at: Date | string | null },
): Promise<number[]> {
  if (comment.status !== "visible" || comment.deleted_at !== null) return [];
  const handles = findMentions(comment.body).slice(0, MAX_MENTIONS_PER_COMMENT);
  const targets = (await findActiveUsersByHandles(db, handles)).map((user) => user.id).filter((id) => id !== comment.author_id);
  const added = await addCommentMentions(db, comment.id, targets);
  await notifyMention(db, { objectiveId: comment.objective_id, commentId: comment.id, actorId: comment.author_id, userIds: added });
  return added;
}
