export {
  MIN_GROUP_SIZE,
  NEGATIVE_TONE,
  TREND_THRESHOLD_POINTS,
  alertReasons,
  describeAlert,
  formatSignedPoints,
  stanceSignal,
  suppressBreakdown,
  wilsonInterval,
  type AlertReason,
  type EngagementSignal,
  type Interval,
  type Share,
  type StanceSignal,
  type ToneSignal,
  type Trend,
  type TrendDirection,
} from "./stats";
export type { SegmentBreakdown, SegmentCell, Signals, Trends } from "./dashboard-figures";
export { getDashboard, type Dashboard, type DomainInsight, type Headline, type ObjectiveInsight, type WeeklyPoint } from "./get-dashboard";
export {
  getObjectiveInsight,
  DRILL_DOWN_PAGE_SIZE,
  type DrillDownComment,
  type ObjectiveInsightDetail,
  type StanceAroundUpdate,
} from "./get-objective-insight";
export { getPublicDashboard, type PublicDashboard, type PublicObjective } from "./get-public-dashboard";
export { refreshInsightRollups, startInsightRefresher, type RefreshResult } from "./refresh-rollups";
export { recomputeCommentTones } from "./recompute-tone";
export { recountObjectiveCounters } from "./rollups";
export { exportDashboardCsv, exportObjectiveCommentsCsv } from "./dashboard-csv";
