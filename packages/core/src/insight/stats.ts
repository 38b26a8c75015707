/**
 * The arithmetic behind every insight figure: pure functions, so each number on the dashboard can
 * be checked by hand against a small fixture.
 */

/** Groups smaller than this are never shown as a number ("fewer than 5"). */
export const MIN_GROUP_SIZE = 5;
/** A net-stance change of at least this many points between the two 4-week windows counts as a trend. */
export const TREND_THRESHOLD_POINTS = 10;
export const DAY_MS = 86_400_000;
export const TREND_WINDOW_DAYS = 28;

export type Interval = { low: number; high: number };

/** 95% Wilson score interval for `successes` out of `n`; null when there is nobody to count. */
export function wilsonInterval(successes: number, n: number, z = 1.959964): Interval | null {
  if (n <= 0) return null;
  if (successes < 0 || successes > n) throw new RangeError(`successes (${successes}) must be between 0 and n (${n})`);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - margin), high: Math.min(1, centre + margin) };
}

export type Share = { count: number; n: number; share: number | null; interval: Interval | null };

export function share(count: number, n: number): Share {
  return { count, n, share: n > 0 ? count / n : null, interval: wilsonInterval(count, n) };
}

export type StanceCounts = { support: number; neutral: number; concern: number };

export type StanceSignal = {
  n: number;
  support: Share;
  neutral: Share;
  concern: Share;
  /** support share − concern share, in points from −100 to +100; null when n = 0. */
  net: number | null;
};

export function stanceSignal(counts: StanceCounts): StanceSignal {
  const n = counts.support + counts.neutral + counts.concern;
  return {
    n,
    support: share(counts.support, n),
    neutral: share(counts.neutral, n),
    concern: share(counts.concern, n),
    net: n > 0 ? ((counts.support - counts.concern) / n) * 100 : null,
  };
}

export type ToneTotals = { n: number; sum: number; negative: number };
export type ToneSignal = { n: number; mean: number | null; negative: Share };

/** A comment counts as negative when its tone is below this. */
export const NEGATIVE_TONE = -0.05;

export function toneSignal(totals: ToneTotals): ToneSignal {
  return { n: totals.n, mean: totals.n > 0 ? totals.sum / totals.n : null, negative: share(totals.negative, totals.n) };
}

export type EngagementSignal = {
  supportVotes: number;
  priorityPoints: number;
  /** This objective's part of every priority point placed in the plan. */
  pointsShare: Share;
  participants: number;
};

export function engagementSignal(input: { supportVotes: number; priorityPoints: number; allPriorityPoints: number; participants: number }): EngagementSignal {
  return {
    supportVotes: input.supportVotes,
    priorityPoints: input.priorityPoints,
    pointsShare: share(input.priorityPoints, input.allPriorityPoints),
    participants: input.participants,
  };
}

export type TrendDirection = "up" | "down" | "flat" | "not_enough_data";
export type Trend = { recent: number | null; previous: number | null; change: number | null; direction: TrendDirection };

/**
 * Net stance of the last 4 weeks against the 4 weeks before. Each window needs at least
 * MIN_GROUP_SIZE stances, otherwise the trend is "not enough data" rather than a guess.
 */
export function stanceTrend(recent: StanceCounts, previous: StanceCounts, threshold = TREND_THRESHOLD_POINTS): Trend {
  const now = stanceSignal(recent);
  const before = stanceSignal(previous);
  if (now.n < MIN_GROUP_SIZE || before.n < MIN_GROUP_SIZE || now.net === null || before.net === null) {
    return { recent: now.net, previous: before.net, change: null, direction: "not_enough_data" };
  }
  const change = now.net - before.net;
  return { recent: now.net, previous: before.net, change, direction: change >= threshold ? "up" : change <= -threshold ? "down" : "flat" };
}

/** Activity counts (comments, votes): a change of 10% or more either way is a trend. */
export function countTrend(recent: number, previous: number): Trend {
  if (recent + previous === 0) return { recent, previous, change: 0, direction: "flat" };
  const change = recent - previous;
  const relative = previous === 0 ? Infinity : Math.abs(change) / previous;
  return { recent, previous, change, direction: relative < 0.1 ? "flat" : change > 0 ? "up" : "down" };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export type SuppressionReason = "small_group" | "complementary";

/**
 * Small-cell suppression for one breakdown (for example, stance by career stage). A cell with fewer
 * than MIN_GROUP_SIZE members is hidden. When the breakdown's total is shown and exactly one cell is
 * hidden, its figures could be recovered by subtracting the others from the total, so the next
 * smallest cell is hidden too.
 */
export function suppressBreakdown<T extends { members: number }>(
  cells: readonly T[],
  options: { totalShown: boolean; min?: number } = { totalShown: true },
): Array<T & { suppressed: SuppressionReason | null }> {
  const min = options.min ?? MIN_GROUP_SIZE;
  const result = cells.map((cell) => ({ ...cell, suppressed: cell.members < min ? ("small_group" as SuppressionReason) : null }));
  const hidden = result.filter((cell) => cell.suppressed).length;
  if (options.totalShown && hidden === 1) {
    let smallest = -1;
    result.forEach((cell, index) => {
      if (cell.suppressed) return;
      if (smallest === -1 || cell.members < result[smallest]!.members) smallest = index;
    });
    if (smallest !== -1) result[smallest]!.suppressed = "complementary";
  }
  return result;
}

export type MilestoneInput = { title: string; dueOn: Date; doneAt: Date | null; createdAt: Date };

export type ObjectiveAlertInput = {
  slug: string;
  isUrgent: boolean;
  percentComplete: number;
  stance: StanceSignal;
  trend: Trend;
  milestones: readonly MilestoneInput[];
};

export type AlertReason =
  | { kind: "negative_stance"; net: number; n: number }
  | { kind: "falling_stance"; from: number; to: number }
  | { kind: "overdue_milestones"; count: number; earliestDue: Date }
  | { kind: "behind_schedule"; percentComplete: number; expectedPercent: number };

/** Share of the milestone timeline (first milestone created → last milestone due) that has elapsed, in percent. */
export function expectedPercent(milestones: readonly MilestoneInput[], now: Date): number | null {
  if (milestones.length === 0) return null;
  const start = Math.min(...milestones.map((m) => m.createdAt.getTime()));
  const end = Math.max(...milestones.map((m) => m.dueOn.getTime()));
  if (end <= start) return now.getTime() >= end ? 100 : 0;
  return Math.max(0, Math.min(100, ((now.getTime() - start) / (end - start)) * 100));
}

/**
 * Why an urgent objective needs leadership's eye: net stance below zero, net stance falling by the
 * trend threshold, milestones past due and not done, or percent complete below the share of the
 * milestone timeline already elapsed. Non-urgent objectives raise no alerts.
 */
export function alertReasons(objective: ObjectiveAlertInput, now: Date): AlertReason[] {
  if (!objective.isUrgent) return [];
  const reasons: AlertReason[] = [];
  if (objective.stance.net !== null && objective.stance.n >= MIN_GROUP_SIZE && objective.stance.net < 0) {
    reasons.push({ kind: "negative_stance", net: objective.stance.net, n: objective.stance.n });
  }
  if (objective.trend.direction === "down" && objective.trend.previous !== null && objective.trend.recent !== null) {
    reasons.push({ kind: "falling_stance", from: objective.trend.previous, to: objective.trend.recent });
  }
  const overdue = objective.milestones.filter((m) => m.doneAt === null && m.dueOn.getTime() < now.getTime());
  if (overdue.length > 0) {
    reasons.push({ kind: "overdue_milestones", count: overdue.length, earliestDue: new Date(Math.min(...overdue.map((m) => m.dueOn.getTime()))) });
  }
  const expected = expectedPercent(objective.milestones, now);
  if (expected !== null && objective.percentComplete < Math.floor(expected)) {
    reasons.push({ kind: "behind_schedule", percentComplete: objective.percentComplete, expectedPercent: Math.floor(expected) });
  }
  return reasons;
}

function signedPoints(value: number): string {
  const rounded = Math.round(value);
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${Math.abs(rounded)}` : "0";
}

export function describeAlert(reason: AlertReason): string {
  switch (reason.kind) {
    case "negative_stance":
      return `Net stance is negative: ${signedPoints(reason.net)} points (n = ${reason.n}).`;
    case "falling_stance":
      return `Net stance fell from ${signedPoints(reason.from)} to ${signedPoints(reason.to)} points over the last 4 weeks.`;
    case "overdue_milestones":
      return `${reason.count} milestone${reason.count === 1 ? " is" : "s are"} overdue (earliest due ${reason.earliestDue.toISOString().slice(0, 10)}).`;
    case "behind_schedule":
      return `Behind its milestones: ${reason.percentComplete}% complete with ${reason.expectedPercent}% of the milestone time gone.`;
  }
}

export function formatSignedPoints(value: number | null): string {
  return value === null ? "no data" : signedPoints(value);
}
