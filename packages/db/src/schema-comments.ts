import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { FlagReason, StanceValue } from "@planpulse/validators/domain";

export const COMMENT_KINDS = ["member", "official_response", "staff_reply"] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

/** A comment's optional stance takes the declared stance's values (one home: @planpulse/validators/domain). */
export type CommentStance = StanceValue;

export const COMMENT_STATUSES = ["visible", "held", "hidden"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export type { FlagReason };

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CommentsTable {
  id: Generated<number>;
  objective_id: number;
  /** Replies are one level deep: a reply's parent is always a top-level comment. */
  parent_id: number | null;
  author_id: number | null;
  kind: ColumnType<CommentKind, CommentKind | undefined, CommentKind>;
  /** The current text, exactly as written. */
  body: string;
  stance: CommentStance | null;
  status: ColumnType<CommentStatus, CommentStatus | undefined, CommentStatus>;
  held_reason: string | null;
  hidden_reason: string | null;
  moderated_by: number | null;
  moderated_at: NullableTimestamp;
  edited_at: NullableTimestamp;
  /** The author's soft delete. */
  deleted_at: NullableTimestamp;
  reply_count: ColumnType<number, number | undefined, number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Tone of the wording in [-1, 1], written with the comment (added by the insight migration 0006); null until scored. */
  tone: ColumnType<number | null, number | null | undefined, number | null>;
  /** Generated tsvector of body (english); never written. */
  search: ColumnType<string, never, never>;
}

export interface CommentRevisionsTable {
  id: Generated<number>;
  comment_id: number;
  /** The text as it was before an edit. */
  body: string;
  editor_id: number | null;
  created_at: Generated<Date>;
}

export interface CommentFlagsTable {
  id: Generated<number>;
  comment_id: number;
  user_id: number;
  reason: FlagReason;
  note: string | null;
  created_at: Generated<Date>;
  resolved_at: NullableTimestamp;
  resolved_by: number | null;
}

export interface CommentsTables {
  comments: CommentsTable;
  comment_revisions: CommentRevisionsTable;
  comment_flags: CommentFlagsTable;
}

export type Comment = Selectable<CommentsTable>;
export type NewComment = Insertable<CommentsTable>;
export type CommentUpdate = Updateable<CommentsTable>;
export type CommentRevision = Selectable<CommentRevisionsTable>;
export type CommentFlag = Selectable<CommentFlagsTable>;
export type NewCommentFlag = Insertable<CommentFlagsTable>;
