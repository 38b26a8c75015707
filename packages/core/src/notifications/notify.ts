import type { DB, Kysely, NewNotification, NotificationKind } from "@planpulse/db";
import { insertNotifications, listFollowerIds } from "./queries";

// Each row inserted here is also mail, sent per the recipient's preference for its kind
// (notification-mail.ts, decision 020): a new kind needs its preference in @planpulse/validators/domain.

/**
 * Notification fan-out. Every function here runs after the write it reports on has committed
 * (never inside its transaction), and never notifies the person who acted.
 */

function rows(
  userIds: Iterable<number>,
  kind: NotificationKind,
  event: { objectiveId: number; commentId?: number | null; actorId: number | null },
): NewNotification[] {
  const unique = new Set(userIds);
  if (event.actorId !== null) unique.delete(event.actorId);
  return [...unique].map((userId) => ({
    user_id: userId,
    kind,
    objective_id: event.objectiveId,
    comment_id: event.commentId ?? null,
    actor_id: event.actorId,
  }));
}

/** Staff replied to a member's comment: the comment's author hears about it, and the objective's other followers. */
export async function notifyStaffReply(
  db: Kysely<DB>,
  event: { objectiveId: number; replyId: number; parentAuthorId: number | null; actorId: number },
): Promise<number> {
  const followers = (await listFollowerIds(db, event.objectiveId)).filter((id) => id !== event.parentAuthorId);
  const target = { objectiveId: event.objectiveId, commentId: event.replyId, actorId: event.actorId };
  return insertNotifications(db, [
    ...(event.parentAuthorId === null ? [] : rows([event.parentAuthorId], "staff_reply", target)),
    ...rows(followers, "followed_staff_reply", target),
  ]);
}

/**
 * A member's new comment or reply that everyone can read: the author of the comment replied to
 * hears of the reply; the objective's other followers of a new comment.
 */
export async function notifyMemberComment(
  db: Kysely<DB>,
  event: { objectiveId: number; commentId: number; parentAuthorId: number | null; actorId: number },
): Promise<number> {
  const followers = (await listFollowerIds(db, event.objectiveId)).filter((id) => id !== event.parentAuthorId);
  const target = { objectiveId: event.objectiveId, commentId: event.commentId, actorId: event.actorId };
  return insertNotifications(db, [
    ...(event.parentAuthorId === null ? [] : rows([event.parentAuthorId], "comment_reply", target)),
    ...rows(followers, "followed_comment", target),
  ]);
}

/** Moderators (and admins) hear of a new flag or a comment held for review, per their alert setting. */
export async function notifyModerators(
  db: Kysely<DB>,
  event: { kind: "comment_flagged" | "comment_held"; objectiveId: number; commentId: number; actorId: number | null },
): Promise<number> {
  const moderators = await db
    .selectFrom("users")
    .select("id")
    .where("role", "in", ["moderator", "admin"])
    .where("deleted_at", "is", null)
    .where("suspended_at", "is", null)
    .execute();
  return insertNotifications(
    db,
    rows(
      moderators.map((m) => m.id),
      event.kind,
      { objectiveId: event.objectiveId, commentId: event.commentId, actorId: event.actorId },
    ),
  );
}

/** An official response on an objective: everyone following it hears about it. */
export async function notifyOfficialResponse(db: Kysely<DB>, event: { objectiveId: number; responseId: number; actorId: number }): Promise<number> {
  const followers = await listFollowerIds(db, event.objectiveId);
  return insertNotifications(db, rows(followers, "official_response", { objectiveId: event.objectiveId, commentId: event.responseId, actorId: event.actorId }));
}

/** A progress update on an objective (helper C1's postProgressUpdate calls this through its notifier hook). */
export async function notifyProgressUpdate(db: Kysely<DB>, event: { objectiveId: number; actorId: number | null }): Promise<number> {
  const followers = await listFollowerIds(db, event.objectiveId);
  return insertNotifications(db, rows(followers, "progress_update", { objectiveId: event.objectiveId, actorId: event.actorId }));
}

/** A moderator hid or restored a comment: its author hears about it. */
export async function notifyModerationOutcome(
  db: Kysely<DB>,
  event: { kind: "comment_hidden" | "comment_restored"; objectiveId: number; commentId: number; authorId: number | null; actorId: number },
): Promise<number> {
  if (event.authorId === null) return 0;
  return insertNotifications(db, rows([event.authorId], event.kind, { objectiveId: event.objectiveId, commentId: event.commentId, actorId: event.actorId }));
}

/** Someone @mentioned members in a comment (only the newly mentioned ones are passed: an edit never repeats a mention). */
export async function notifyMention(
  db: Kysely<DB>,
  event: { objectiveId: number; commentId: number; actorId: number | null; userIds: number[] },
): Promise<number> {
  if (event.userIds.length === 0) return 0;
  return insertNotifications(db, rows(event.userIds, "mention", { objectiveId: event.objectiveId, commentId: event.commentId, actorId: event.actorId }));
}
