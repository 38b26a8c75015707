import type { CommentKind, CommentStance, CommentStatus, DB, Kysely } from "@planpulse/db";
import { listCommentRowsByAuthor } from "./queries";

export type AuthoredComment = {
  id: number;
  objectiveId: number;
  objectiveSlug: string;
  objectiveText: string;
  parentId: number | null;
  kind: CommentKind;
  body: string;
  stance: CommentStance | null;
  /** Moderation state; the author sees their own held and hidden comments. */
  status: CommentStatus;
  hiddenReason: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
};

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A member's own comments, newest first (their activity page). Removed ones are left out unless asked for. */
export async function listCommentsByAuthor(
  db: Kysely<DB>,
  userId: number,
  options: { limit?: number; includeDeleted?: boolean } = {},
): Promise<AuthoredComment[]> {
  const rows = await listCommentRowsByAuthor(db, userId, { limit: options.limit ?? 100, includeDeleted: options.includeDeleted ?? false });
  return rows.map((row) => ({
    id: row.id,
    objectiveId: row.objective_id,
    objectiveSlug: row.objective_slug,
    objectiveText: row.objective_text,
    parentId: row.parent_id,
    kind: row.kind,
    body: row.body,
    stance: row.stance,
    status: row.status,
    hiddenReason: row.hidden_reason,
    createdAt: iso(row.created_at)!,
    editedAt: iso(row.edited_at),
    deletedAt: iso(row.deleted_at),
  }));
}
