import { PRIORITY_POINTS_BUDGET } from "@planpulse/validators/domain";
import type { DB, Kysely, StanceValue } from "@planpulse/db";
import { findCycleWithPlan } from "../plan/queries";
import { listMyEngagement, listObjectiveFiguresWithTotals } from "./figures";
import { AppError } from "../errors";

import { wilsonInterval, type Interval } from "../insight/stats";

export type StanceDistribution = { support: number; neutral: number; concern: number; n: number; supportInterval: Interval | null };

export type ObjectiveFigures = {
  objectiveId: number;
  supports: number;
  /** Member comments anyone can read, not counting staff replies (the one definition; migration 0050). */
  comments: number;
  priorityPoints: number;
  /** Members who placed points on this objective. */
  priorityMembers: number;
  /** This objective's share of all points placed, 0–1. */
  priorityShare: number;
  stance: StanceDistribution;
};

export type MyObjectiveEngagement = { supported: boolean; points: number; stance: StanceValue | null; /** Gets notified of its updates. */ following: boolean };

export type PlanFigures = {
  totals: { priorityPoints: number; priorityMembers: number };
  objectives: Record<number, ObjectiveFigures>;
  /** The signed-in member's own vote, points and stance per objective; null for a visitor. */
  mine: { objectives: Record<number, MyObjectiveEngagement>; pointsLeft: number } | null;
};

/** Every objective's figures in a fixed number of queries, whatever the number of objectives. */
export async function getPlanFigures(db: Kysely<DB>, userId: number | null, options: { cycleSlug?: string } = {}): Promise<PlanFigures> {
  // Totals (and so priority shares) are one cycle's: the current one unless another is named.
  // The current cycle's plan is looked up inside the figures' statement (one round trip fewer per page).
  const plan = options.cycleSlug === undefined ? "current" : (await findCycleWithPlan(db, options.cycleSlug))?.plan.id;
  if (plan === undefined) throw new AppError("NOT_FOUND", { userMessage: "There is no plan cycle with that name." });
  const [{ rows, totals }, mine] = await Promise.all([
    listObjectiveFiguresWithTotals(db, plan),
    userId === null ? Promise.resolve(null) : listMyEngagement(db, userId),
  ]);

  const objectives: Record<number, ObjectiveFigures> = {};
  for (const row of rows) {
    objectives[row.objective_id] = {
      objectiveId: row.objective_id,
      supports: row.supports,
      comments: row.visible_comments,
      priorityPoints: row.priority_points,
      priorityMembers: row.priority_members,
      priorityShare: totals.points > 0 ? row.priority_points / totals.points : 0,
      stance: {
        support: row.stance_support,
        neutral: row.stance_neutral,
        concern: row.stance_concern,
        n: row.stance_support + row.stance_neutral + row.stance_concern,
        supportInterval: wilsonInterval(row.stance_support, row.stance_support + row.stance_neutral + row.stance_concern),
      },
    };
  }

  let my: PlanFigures["mine"] = null;
  if (mine) {
    const own: Record<number, MyObjectiveEngagement> = {};
    const entry = (id: number) => (own[id] ??= { supported: false, points: 0, stance: null, following: false });
    for (const vote of mine.votes) entry(vote.objective_id).supported = true;
    for (const allocation of mine.points) entry(allocation.objective_id).points = allocation.points;
    for (const stance of mine.stances) entry(stance.objective_id).stance = stance.stance;
    for (const follow of mine.follows) entry(follow.objective_id).following = true;
    // The budget is per cycle: points given in another cycle are not spent from this one.
    const spent = mine.points.filter((a) => objectives[a.objective_id] !== undefined).reduce((sum, a) => sum + a.points, 0);
    my = { objectives: own, pointsLeft: PRIORITY_POINTS_BUDGET - spent };
  }
  return { totals: { priorityPoints: totals.points, priorityMembers: totals.members }, objectives, mine: my };
}
