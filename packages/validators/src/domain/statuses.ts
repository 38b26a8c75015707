/** Progress status of an objective; always shown with its word and a shape, never colour alone. */
export const OBJECTIVE_STATUSES = ["not_started", "on_track", "at_risk", "off_track", "completed"] as const;
export type ObjectiveStatus = (typeof OBJECTIVE_STATUSES)[number];

export const STATUS_LABELS: Record<ObjectiveStatus, string> = {
  not_started: "Not started",
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  completed: "Completed",
};

export function isObjectiveStatus(value: unknown): value is ObjectiveStatus {
  return typeof value === "string" && (OBJECTIVE_STATUSES as readonly string[]).includes(value);
}

/** A plan cycle is active (members take part) or archived (read-only, still browsable). Decision 024. */
export const PLAN_CYCLE_STATUSES = ["active", "archived"] as const;
export type PlanCycleStatus = (typeof PLAN_CYCLE_STATUSES)[number];
export const PLAN_CYCLE_STATUS_LABELS: Record<PlanCycleStatus, string> = { active: "Current", archived: "Archived (read-only)" };
