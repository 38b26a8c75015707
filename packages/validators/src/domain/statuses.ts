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
