export { ChartFrame, formatCount, niceMax } from "./chart-frame";
export { QuadrantChart, type QuadrantPoint } from "./quadrant-chart";
export { WeeklyLineChart, type WeeklySeries } from "./weekly-line-chart";
export {
  FewerThanFive,
  TrendMark,
  formatDate,
  formatDuration,
  formatInterval,
  formatShare,
  formatSigned,
  type ShareLike,
  type TrendLike,
} from "./insight-cells";
