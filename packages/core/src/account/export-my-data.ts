import type { DB, Kysely } from "@planpulse/db";
import { findUserById } from "@planpulse/auth";
import { listAuditByActor, listMyEngagementDetail, listMyWriting } from "./queries";
import { AppError } from "../errors";
import { getMemberAnswers } from "../segments/member-answers";

/** Everything Plan Pulse holds about one member, as plain JSON ("Download my data"). */
export async function exportMyData(db: Kysely<DB>, userId: number) {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError("NOT_FOUND", { userMessage: "That account does not exist." });
  const [profile, engagement, writing, activity] = await Promise.all([
    getMemberAnswers(db, userId),
    listMyEngagementDetail(db, userId),
    listMyWriting(db, userId),
    listAuditByActor(db, userId),
  ]);
  return {
    format: "plan-pulse-member-export/1",
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      role: user.role,
      createdAt: user.created_at.toISOString(),
      suspendedAt: user.suspended_at?.toISOString() ?? null,
    },
    profile: {
      answers: Object.fromEntries(
        profile.questions.filter((q) => q.answer.length > 0).map((q) => [q.key, { question: q.label, answer: q.answer, verified: q.verified }]),
      ),
      updatedAt: profile.updatedAt,
    },
    supportVotes: engagement.votes.map((v) => ({ objective: v.objective_slug, createdAt: v.created_at.toISOString() })),
    priorityPoints: engagement.priorities.map((p) => ({ objective: p.objective_slug, points: p.points, updatedAt: p.updated_at.toISOString() })),
    stances: engagement.stances.map((s) => ({ objective: s.objective_slug, stance: s.stance, updatedAt: s.updated_at.toISOString() })),
    stanceHistory: engagement.stanceHistory.map((s) => ({ objective: s.objective_slug, stance: s.stance, createdAt: s.created_at.toISOString() })),
    comments: writing.comments.map((c) => ({
      id: c.id,
      objective: c.objective_slug,
      parentId: c.parent_id,
      kind: c.kind,
      body: c.body,
      stance: c.stance,
      status: c.status,
      hiddenReason: c.hidden_reason,
      editedAt: c.edited_at?.toISOString() ?? null,
      deletedAt: c.deleted_at?.toISOString() ?? null,
      createdAt: c.created_at.toISOString(),
    })),
    commentRevisions: writing.revisions.map((r) => ({ commentId: r.comment_id, body: r.body, createdAt: r.created_at.toISOString() })),
    flagsRaised: writing.flags.map((f) => ({
      commentId: f.comment_id,
      reason: f.reason,
      note: f.note,
      createdAt: f.created_at.toISOString(),
      resolvedAt: f.resolved_at?.toISOString() ?? null,
    })),
    activity: activity.map((a) => ({ action: a.action, targetType: a.target_type, targetId: a.target_id, at: a.created_at.toISOString() })),
  };
}

export type MyDataExport = Awaited<ReturnType<typeof exportMyData>>;
