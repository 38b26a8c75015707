import type { Comment, DB, Kysely, Role, Transaction } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import type { ApproveCommentsInput, HideCommentsInput, RestoreCommentInput } from "@planpulse/validators";
import { AppError } from "../errors";
import { notifyModerationOutcome } from "../notifications/notify";
import { recordCommentMentions } from "../mentions/comment-mentions";

export type Moderator = { id: number; role: Role };

/**
 * The comment state machine moderators drive:
 *   held ──approve──▶ visible ──hide──▶ hidden ──restore──▶ visible
 *   held ──hide──▶ hidden;  visible + open flags ──approve──▶ visible, flags resolved
 * Any other move is refused with a clear message and changes nothing (bulk actions are all or nothing).
 */

type Locked = Comment & { open_flags: number };

async function lockComments(trx: Transaction<DB>, ids: number[]): Promise<Locked[]> {
  const unique = [...new Set(ids)];
  const rows = await trx.selectFrom("comments").selectAll().where("id", "in", unique).orderBy("id").forUpdate().execute();
  const missing = unique.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length > 0) {
    throw new AppError("NOT_FOUND", { userMessage: `We could not find comment #${missing.join(", #")}. Nothing was changed.` });
  }
  const flags = await trx
    .selectFrom("comment_flags")
    .select(["comment_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("comment_id", "in", unique)
    .where("resolved_at", "is", null)
    .groupBy("comment_id")
    .execute();
  const openFlags = new Map(flags.map((f) => [f.comment_id, Number(f.n)]));
  return rows.map((row) => ({ ...row, open_flags: openFlags.get(row.id) ?? 0 }));
}

async function resolveFlags(trx: Transaction<DB>, ids: number[], moderatorId: number, now: Date) {
  await trx
    .updateTable("comment_flags")
    .set({ resolved_at: now, resolved_by: moderatorId })
    .where("comment_id", "in", ids)
    .where("resolved_at", "is", null)
    .execute();
}

export async function approveComments(db: Kysely<DB>, moderator: Moderator, input: ApproveCommentsInput): Promise<{ approved: number[] }> {
  const now = new Date();
  const approved = await db.transaction().execute(async (trx) => {
    const comments = await lockComments(trx, input.commentIds);
    for (const comment of comments) {
      if (comment.status === "hidden") {
        throw new AppError("CONFLICT", { userMessage: `Comment #${comment.id} is hidden: use Restore instead. Nothing was changed.` });
      }
      if (comment.status === "visible" && comment.open_flags === 0) {
        throw new AppError("CONFLICT", { userMessage: `Comment #${comment.id} has nothing waiting for review. Nothing was changed.` });
      }
    }
    const ids = comments.map((c) => c.id);
    await trx
      .updateTable("comments")
      .set({ status: "visible", moderated_by: moderator.id, moderated_at: now, updated_at: now })
      .where("id", "in", ids)
      .execute();
    await resolveFlags(trx, ids, moderator.id, now);
    for (const comment of comments) {
      await appendAudit(trx, {
        actorId: moderator.id,
        action: "comment.approve",
        targetType: "comment",
        targetId: comment.id,
        reason: input.note || null,
        before: { status: comment.status, heldReason: comment.held_reason, openFlags: comment.open_flags },
        after: { status: "visible", openFlags: 0 },
      });
    }
    return comments;
  });
  // A held comment's mentions are told once a moderator lets it through (approving twice tells no one twice).
  for (const comment of approved) await recordCommentMentions(db, { ...comment, status: "visible" });
  return { approved: approved.map((c) => c.id) };
}

export async function hideComments(db: Kysely<DB>, moderator: Moderator, input: HideCommentsInput): Promise<{ hidden: number[] }> {
  const now = new Date();
  const comments = await db.transaction().execute(async (trx) => {
    const locked = await lockComments(trx, input.commentIds);
    for (const comment of locked) {
      if (comment.status === "hidden") {
        throw new AppError("CONFLICT", { userMessage: `Comment #${comment.id} is already hidden. Nothing was changed.` });
      }
    }
    const ids = locked.map((c) => c.id);
    await trx
      .updateTable("comments")
      .set({ status: "hidden", hidden_reason: input.reason, moderated_by: moderator.id, moderated_at: now, updated_at: now })
      .where("id", "in", ids)
      .execute();
    await resolveFlags(trx, ids, moderator.id, now);
    for (const comment of locked) {
      await appendAudit(trx, {
        actorId: moderator.id,
        action: "comment.hide",
        targetType: "comment",
        targetId: comment.id,
        reason: input.reason,
        before: { status: comment.status, hiddenReason: comment.hidden_reason, openFlags: comment.open_flags },
        after: { status: "hidden", hiddenReason: input.reason, openFlags: 0 },
      });
    }
    return locked;
  });
  for (const comment of comments) {
    await notifyModerationOutcome(db, {
      kind: "comment_hidden",
      objectiveId: comment.objective_id,
      commentId: comment.id,
      authorId: comment.author_id,
      actorId: moderator.id,
    });
  }
  return { hidden: comments.map((c) => c.id) };
}

export async function restoreComment(db: Kysely<DB>, moderator: Moderator, input: RestoreCommentInput): Promise<{ restored: number }> {
  const now = new Date();
  const comment = await db.transaction().execute(async (trx) => {
    const [locked] = await lockComments(trx, [input.commentId]);
    if (!locked) throw new AppError("NOT_FOUND", { userMessage: "We could not find that comment." });
    if (locked.status !== "hidden") {
      throw new AppError("CONFLICT", { userMessage: `Comment #${locked.id} is not hidden, so there is nothing to restore. Nothing was changed.` });
    }
    await trx
      .updateTable("comments")
      .set({ status: "visible", hidden_reason: null, moderated_by: moderator.id, moderated_at: now, updated_at: now })
      .where("id", "=", locked.id)
      .execute();
    await appendAudit(trx, {
      actorId: moderator.id,
      action: "comment.restore",
      targetType: "comment",
      targetId: locked.id,
      reason: input.note || null,
      before: { status: "hidden", hiddenReason: locked.hidden_reason },
      after: { status: "visible", hiddenReason: null },
    });
    return locked;
  });
  await notifyModerationOutcome(db, {
    kind: "comment_restored",
    objectiveId: comment.objective_id,
    commentId: comment.id,
    authorId: comment.author_id,
    actorId: moderator.id,
  });
  // A comment hidden while it was still held has told no one it mentions; restored, it does now (once).
  await recordCommentMentions(db, { ...comment, status: "visible" });
  return { restored: comment.id };
}
