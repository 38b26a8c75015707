import type { DB, Kysely, NotificationKind } from "@planpulse/db";
import { countUnreadNotifications, markNotificationsRead } from "./queries";
import type { MarkNotificationsReadInput } from "@planpulse/validators";

export type NotificationItem = {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  read: boolean;
  actorName: string | null;
  objective: { slug: string; text: string } | null;
  commentId: number | null;
  /** For comment_hidden: the reason the member is entitled to see. */
  hiddenReason: string | null;
};

export async function listNotifications(db: Kysely<DB>, userId: number, options: { limit?: number } = {}) {
  const rows = await db
    .selectFrom("notifications as n")
    .leftJoin("users as actor", "actor.id", "n.actor_id")
    .leftJoin("objectives as o", "o.id", "n.objective_id")
    .leftJoin("comments as c", "c.id", "n.comment_id")
    .select([
      "n.id",
      "n.kind",
      "n.created_at",
      "n.read_at",
      "n.comment_id",
      "actor.display_name as actor_name",
      "actor.role as actor_role",
      "o.slug as objective_slug",
      "o.text as objective_text",
      "c.status as comment_status",
      "c.hidden_reason",
    ])
    .where("n.user_id", "=", userId)
    .orderBy("n.created_at", "desc")
    .orderBy("n.id", "desc")
    .limit(options.limit ?? 50)
    .execute();
  const unread = await countUnreadNotifications(db, userId);
  const items: NotificationItem[] = rows.map((row) => ({
    id: String(row.id),
    kind: row.kind,
    createdAt: row.created_at.toISOString(),
    read: row.read_at !== null,
    // Moderators act for the association: members see the team, not a named person.
    actorName: row.kind === "comment_hidden" || row.kind === "comment_restored" ? "The moderators" : row.actor_name,
    objective: row.objective_slug && row.objective_text ? { slug: row.objective_slug, text: row.objective_text } : null,
    commentId: row.comment_id,
    hiddenReason: row.kind === "comment_hidden" && row.comment_status === "hidden" ? row.hidden_reason : null,
  }));
  return { items, unread };
}

export function unreadNotificationCount(db: Kysely<DB>, userId: number): Promise<number> {
  return countUnreadNotifications(db, userId);
}

export async function markNotificationsAsRead(db: Kysely<DB>, userId: number, input: MarkNotificationsReadInput): Promise<{ marked: number; unread: number }> {
  // Ids travel as digit strings (the schema checks them); the column is a bigint read as a number.
  const marked = await markNotificationsRead(db, userId, input.ids ? input.ids.map(Number) : null);
  return { marked, unread: await countUnreadNotifications(db, userId) };
}
