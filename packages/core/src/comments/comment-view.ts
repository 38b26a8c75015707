import type { CommentKind, CommentStance, Role } from "@planpulse/db";
import type { ThreadCommentRow } from "./queries";

export type CommentViewer = { id: number; role: Role; suspended: boolean } | null;

/** How a comment appears to one viewer; `body` is null whenever the viewer may not read the text. */
export type CommentState = "visible" | "held" | "hidden" | "removed";

export type CommentView = {
  id: number;
  objectiveId: number;
  parentId: number | null;
  kind: CommentKind;
  stance: CommentStance | null;
  state: CommentState;
  body: string | null;
  /** Only the author sees why moderators hid their comment. */
  hiddenReason: string | null;
  author: { id: number; displayName: string; isStaff: boolean } | null;
  createdAt: string;
  editedAt: string | null;
  isMine: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canFlag: boolean;
  canReply: boolean;
  flaggedByMe: boolean;
  /** Handles (current, of active members) this comment mentioned: only these render as links. */
  mentions: string[];
};

export type ThreadCommentView = CommentView & { replyCount: number; replies: CommentView[] };

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toCommentView(row: ThreadCommentRow, viewer: CommentViewer): CommentView {
  const isMine = viewer !== null && row.author_id === viewer.id;
  const state: CommentState = row.deleted_at !== null ? "removed" : row.status;
  const readable = state === "visible" || (isMine && (state === "held" || state === "hidden"));
  const canWrite = viewer !== null && !viewer.suspended;
  return {
    id: row.id,
    objectiveId: row.objective_id,
    parentId: row.parent_id,
    kind: row.kind,
    stance: state === "visible" || readable ? row.stance : null,
    state,
    body: readable ? row.body : null,
    hiddenReason: isMine && state === "hidden" ? row.hidden_reason : null,
    author: readable && row.author_id !== null ? { id: row.author_id, displayName: row.author_name ?? "A member", isStaff: row.kind !== "member" } : null,
    createdAt: iso(row.created_at)!,
    editedAt: readable ? iso(row.edited_at) : null,
    isMine,
    canEdit: canWrite && isMine && (state === "visible" || state === "held"),
    canDelete: canWrite && isMine && state !== "removed",
    canFlag: canWrite && !isMine && state === "visible" && !row.flagged_by_me,
    canReply: canWrite && state === "visible",
    flaggedByMe: row.flagged_by_me,
    mentions: [],
  };
}
