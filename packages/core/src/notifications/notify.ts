import { insertNotifications, listFollowerIds, type DB, type Kysely, type NewNotification, type NotificationKind } from "@planpulse/db";

/**
 * Notification fan-out. Every function here runs after the write it reports on has committed
 * (never inside its transaction), and never notifies the person who acted.
 */

function rows(userIds: Iterable<number>, kind: NotificationKind, event: { objectiveId: number; commentId?: number | null; actorId: number | null }): NewNotification[] {
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

/** Staff replied to a member's comment: the comment's author hears about it. */
export async function notifyStaffReply(
  db: Kysely<DB>,
  event: { objectiveId: number; replyId: number; parentAuthorId: number | null; actorId: number },
): Promise<number> {
  if (event.parentAuthorId === null) return 0;
  return insertNotifications(db, rows([event.parentAuthorId], "staff_reply", { objectiveId: event.objectiveId, commentId: event.replyId, actorId: event.actorId }));
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
export async function notifyMention(db: Kysely<DB>, event: { objectiveId: number; commentId: number; actorId: number | null; userIds: number[] }): Promise<number> {
  if (event.userIds.length === 0) return 0;
  return insertNotifications(db, rows(event.userIds, "mention", { objectiveId: event.objectiveId, commentId: event.commentId, actorId: event.actorId }));
}
