import type { RouterOutputs } from "@planpulse/api";
import type { ObjectiveRowFigures } from "@planpulse/ui";

type PlanFigures = RouterOutputs["engagement"]["figures"];

/** The row's figures for one objective; the n behind a priority share is everyone who placed points. */
export function rowFigures(figures: PlanFigures, objectiveId: number): ObjectiveRowFigures | undefined {
  const f = figures.objectives[objectiveId];
  if (!f) return undefined;
  return { supports: f.supports, priorityShare: f.priorityShare, priorityMembers: figures.totals.priorityMembers, stance: f.stance, comments: f.comments };
}
