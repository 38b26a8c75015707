import { PRIORITY_POINTS_BUDGET } from "@planpulse/validators/domain";
import { listCommentsByAuthor, type AuthoredComment } from "../comments/list-comments-by-author";
import type { DB, Kysely, StanceValue } from "@planpulse/db";
import { listMyEngagementDetail } from "./queries";

type ObjectiveRef = { id: number; slug: string; text: string };

export type MyActivity = {
  votes: { objective: ObjectiveRef; since: string }[];
  priorities: { objective: ObjectiveRef; points: number }[];
  pointsLeft: number;
  stances: { objective: ObjectiveRef; stance: StanceValue; since: string }[];
  comments: AuthoredComment[];
};

function ref(row: { objective_id: number; objective_slug: string; objective_text: string }): ObjectiveRef {
  return { id: row.objective_id, slug: row.objective_slug, text: row.objective_text };
}

/** What /me lists: the member's supports, points and stances, each with its objective. */
export async function getMyActivity(db: Kysely<DB>, userId: number): Promise<MyActivity> {
  const [detail, comments] = await Promise.all([listMyEngagementDetail(db, userId), listCommentsByAuthor(db, userId, { limit: 50 })]);
  const spent = detail.priorities.reduce((sum, p) => sum + p.points, 0);
  return {
    votes: detail.votes.map((v) => ({ objective: ref(v), since: v.created_at.toISOString() })),
    priorities: detail.priorities.map((p) => ({ objective: ref(p), points: p.points })),
    pointsLeft: PRIORITY_POINTS_BUDGET - spent,
    stances: detail.stances.map((s) => ({ objective: ref(s), stance: s.stance, since: s.updated_at.toISOString() })),
    comments,
  };
}
