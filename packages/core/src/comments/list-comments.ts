import type { CommentStance, DB, Kysely } from "@planpulse/db";
import { findCommentById, listThreadPage, listThreadPageBySlug, type ThreadRow } from "./queries";
import { listLinkedMentions } from "../mentions/queries";
import type { CommentSort } from "@planpulse/validators";
import { AppError } from "../errors";
import { toCommentView, type CommentViewer, type ThreadCommentView } from "./comment-view";

export const COMMENTS_PAGE_SIZE = 20;
export const REPLIES_PER_PARENT = 3;
const MAX_EXPANDED_REPLIES = 500;

export type CommentPage = {
  /** `archivedCycle` names the archived plan cycle it belongs to (read-only: no new comments, replies or edits). */
  objective: { id: number; slug: string; discussionLocked: boolean; archivedCycle: string | null };
  sort: CommentSort;
  /** Official responses, pinned above the thread; only on the first page. */
  pinned: ThreadCommentView[];
  comments: ThreadCommentView[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** The viewer's current stance on the objective, to prefill the comment form. */
  myStance: CommentStance | null;
  /** The thread of a linked comment (`focus`) when it is not on this page anyway. */
  focused: ThreadCommentView | null;
};

function toThreadView(row: ThreadRow, viewer: CommentViewer): ThreadCommentView {
  return {
    ...toCommentView(row, viewer),
    replyCount: row.visible_replies,
    replies: row.replies.map((reply) => toCommentView(reply, viewer)),
  };
}

/** One page of an objective's discussion, as the viewer (or a signed-out visitor) may see it. */
export async function listComments(
  db: Kysely<DB>,
  input: { objectiveSlug: string; sort?: CommentSort; cursor?: string; expand?: number; focus?: number; limit?: number; viewer: CommentViewer },
): Promise<CommentPage> {
  const sort = input.sort ?? "newest";
  const limit = input.limit ?? COMMENTS_PAGE_SIZE;
  const afterId = input.cursor ? Number.parseInt(input.cursor, 10) : null;
  const viewerId = input.viewer?.id ?? null;
  // The objective with its plan cycle, the page (one row more tells whether another follows), the
  // pinned official responses and the viewer's stance: one statement (issue 16).
  const found = await listThreadPageBySlug(db, {
    slug: input.objectiveSlug,
    viewerId,
    sort,
    afterId,
    limit: limit + 1,
    repliesPerParent: REPLIES_PER_PARENT,
    expandId: input.expand ?? null,
    maxReplies: MAX_EXPANDED_REPLIES,
    pinnedLimit: 10,
  });
  // A retired objective's discussion stays readable on its page; create-comment refuses new posts.
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "That objective does not exist." });
  const { objective, rows, pinned: pinnedRows } = found;
  const common = {
    objectiveId: objective.id,
    viewerId,
    sort,
    repliesPerParent: REPLIES_PER_PARENT,
    expandId: input.expand ?? null,
    maxReplies: MAX_EXPANDED_REPLIES,
  };
  const page = rows.slice(0, limit);
  const focused = await findFocusedThread(db, input.focus, objective.id, page, common);
  const archivedCycle = found.cycle?.status === "archived" ? found.cycle.name : null;
  // An archived cycle is read-only: no replies or edits offered (deleting one's own words and flagging stay).
  const view = (row: ThreadRow): ThreadCommentView => {
    const thread = toThreadView(row, input.viewer);
    if (archivedCycle === null) return thread;
    const readOnly = <T extends { canEdit: boolean; canReply: boolean }>(c: T): T => ({ ...c, canEdit: false, canReply: false });
    return { ...readOnly(thread), replies: thread.replies.map(readOnly) };
  };
  const result: CommentPage = {
    objective: { id: objective.id, slug: objective.slug, discussionLocked: objective.discussion_locked_at !== null, archivedCycle },
    sort,
    pinned: pinnedRows.filter((row) => row.deleted_at === null && row.status === "visible").map(view),
    comments: page.map(view),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
    myStance: found.myStance,
    focused: focused ? view(focused) : null,
  };
  await attachMentions(db, [...result.pinned, ...result.comments, ...(result.focused ? [result.focused] : [])]);
  return result;
}

/** One query for the whole page: which @handles in the readable comments link to a member. */
async function attachMentions(db: Kysely<DB>, threads: ThreadCommentView[]): Promise<void> {
  const views = threads.flatMap((thread) => [thread, ...thread.replies]).filter((view) => view.body !== null && view.body.includes("@"));
  const linked = await listLinkedMentions(db, [...new Set(views.map((view) => view.id))]);
  for (const view of views) view.mentions = linked.get(view.id) ?? [];
}

/** A link to one comment (from search) shows its whole thread even when it is pages away. */
async function findFocusedThread(
  db: Kysely<DB>,
  focus: number | undefined,
  objectiveId: number,
  page: ThreadRow[],
  common: Omit<Parameters<typeof listThreadPage>[1], "afterId" | "limit" | "kinds">,
): Promise<ThreadRow | null> {
  if (focus === undefined) return null;
  const target = await findCommentById(db, focus);
  if (!target || target.objective_id !== objectiveId) return null;
  const rootId = target.parent_id ?? target.id;
  if (page.some((row) => row.id === rootId)) return null;
  const [row] = await listThreadPage(db, { ...common, sort: "newest", afterId: null, limit: 1, kinds: "others", onlyId: rootId, expandId: rootId });
  // Official responses are pinned on the first page already.
  return row && row.kind !== "official_response" ? row : null;
}
