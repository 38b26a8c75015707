import type { Comment, CommentKind, CommentStance, CommentStatus, DB, Kysely, Objective, Transaction } from "@planpulse/db";
import { findCommentById, incrementReplyCount, insertComment } from "./queries";
import { findObjectiveBySlug } from "../plan/queries";
import { scoreTone } from "@planpulse/sentiment";
import { COMMENT_BODY_MAX, COMMENT_BODY_MIN } from "@planpulse/validators";
import { setStance } from "../engagement/set-stance";
import { requireWritableObjective } from "../cycles/writable";
import { AppError } from "../errors";
import { decideHold } from "../moderation/decide-hold";
import { autoFollowObjective } from "../notifications/follow-objective";
import { assertMentionCount, recordCommentMentions } from "../mentions/comment-mentions";
import { notifyMemberComment, notifyModerators } from "../notifications/notify";

export type CreateCommentOptions = {
  authorId: number;
  /** Either the objective's id or its slug. */
  objectiveId?: number;
  objectiveSlug?: string;
  body: string;
  parentId?: number | null;
  /** The comment's stance, optional; only kept on top-level member comments. */
  stance?: CommentStance | null;
  /** Only when the member asked, visibly, does the comment's stance become their declared stance. */
  updateStance?: boolean;
  /** Staff use 'official_response' (top-level) and 'staff_reply'; the caller checks the role. */
  kind?: CommentKind;
  /** Moderation may hold a new comment for review. */
  status?: Extract<CommentStatus, "visible" | "held">;
  heldReason?: string | null;
};

export function assertCommentBody(body: string): void {
  if (body.trim().length < COMMENT_BODY_MIN) {
    throw new AppError("BAD_REQUEST", { userMessage: "Write at least 2 characters", fieldErrors: { body: ["Write at least 2 characters"] } });
  }
  if (body.length > COMMENT_BODY_MAX) {
    throw new AppError("BAD_REQUEST", {
      userMessage: "Comments have at most 5,000 characters",
      fieldErrors: { body: ["Comments have at most 5,000 characters"] },
    });
  }
}

async function findTargetObjective(trx: Transaction<DB>, options: CreateCommentOptions): Promise<Objective> {
  const objective =
    options.objectiveId !== undefined
      ? await trx.selectFrom("objectives").selectAll().where("id", "=", options.objectiveId).executeTakeFirst()
      : options.objectiveSlug !== undefined
        ? await findObjectiveBySlug(trx, options.objectiveSlug)
        : undefined;
  if (!objective) throw new AppError("NOT_FOUND", { userMessage: "That objective does not exist." });
  await requireWritableObjective(trx, objective.id);
  return objective;
}

/** Adds a comment or a reply; a reply to a reply is attached to its top-level comment (one level of nesting). */
export async function createComment(db: Kysely<DB>, options: CreateCommentOptions): Promise<Comment> {
  assertCommentBody(options.body);
  assertMentionCount(options.body);
  const kind = options.kind ?? "member";
  const { comment, parentAuthorId } = await db.transaction().execute(async (trx) => {
    const objective = await findTargetObjective(trx, options);
    if (kind === "member" && objective.discussion_locked_at) {
      throw new AppError("CONFLICT", { userMessage: "This discussion is closed to new comments." });
    }
    let parent: Comment | undefined;
    if (options.parentId != null) {
      parent = await findCommentById(trx, options.parentId);
      if (parent?.parent_id != null) parent = await findCommentById(trx, parent.parent_id);
      const invisible = parent && parent.status === "held" && parent.author_id !== options.authorId;
      if (!parent || parent.objective_id !== objective.id || invisible) {
        throw new AppError("NOT_FOUND", { userMessage: "The comment you are replying to does not exist." });
      }
      if (parent.deleted_at || parent.status === "hidden") {
        throw new AppError("CONFLICT", { userMessage: "That comment was removed, so it takes no new replies." });
      }
    }
    if (kind === "official_response" && parent) {
      throw new AppError("BAD_REQUEST", { userMessage: "An official response starts its own thread." });
    }
    const stance = !parent && kind === "member" ? (options.stance ?? null) : null;
    // Moderation: a member's new comment may wait for review (first post, many links, word list).
    const hold = options.status
      ? { status: options.status, heldReason: options.heldReason ?? null }
      : kind === "member"
        ? await decideHold(trx, { authorId: options.authorId, body: options.body })
        : { status: "visible" as const, heldReason: null };
    const comment = await insertComment(trx, {
      objective_id: objective.id,
      parent_id: parent?.id ?? null,
      author_id: options.authorId,
      kind,
      body: options.body,
      tone: scoreTone(options.body),
      stance,
      status: hold.status,
      held_reason: hold.status === "held" ? hold.heldReason : null,
    });
    if (parent) await incrementReplyCount(trx, parent.id);
    if (stance && options.updateStance === true) await setStance(trx, { userId: options.authorId, objectiveId: objective.id, stance });
    if (kind === "member") await autoFollowObjective(trx, options.authorId, objective.id, "comment");
    return { comment, parentAuthorId: parent?.author_id ?? null };
  });
  await recordCommentMentions(db, comment);
  // Staff replies and official responses notify through postStaffResponse.
  if (kind === "member") {
    const event = { objectiveId: comment.objective_id, commentId: comment.id, actorId: options.authorId };
    if (comment.status === "held") await notifyModerators(db, { kind: "comment_held", ...event });
    else await notifyMemberComment(db, { ...event, parentAuthorId });
  }
  return comment;
}
