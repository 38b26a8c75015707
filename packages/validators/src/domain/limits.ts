/** Priority points: each member spreads this many across the plan… */
export const PRIORITY_POINTS_BUDGET = 10;
/** …and places at most this many on any one objective. */
export const PRIORITY_POINTS_PER_OBJECTIVE = 5;
