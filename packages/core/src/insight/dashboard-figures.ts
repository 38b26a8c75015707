import {
  countTrend,
  engagementSignal,
  share,
  stanceSignal,
  stanceTrend,
  suppressBreakdown,
  toneSignal,
  type EngagementSignal,
  type Share,
  type StanceSignal,
  type SuppressionReason,
  type ToneSignal,
  type Trend,
} from "./stats";

/** The rollup columns one objective, domain or segment cell carries. */
export type SignalRow = {
  stance_support: number;
  stance_neutral: number;
  stance_concern: number;
  support_votes: number;
  priority_points: number;
  comments: number;
  tone_n: number;
  tone_sum: number;
  tone_negative: number;
};

export type Signals = {
  stance: StanceSignal;
  tone: ToneSignal;
  engagement: EngagementSignal;
  comments: number;
};

export function signalsFrom(row: SignalRow, participants: number, allPriorityPoints: number): Signals {
  return {
    stance: stanceSignal({ support: row.stance_support, neutral: row.stance_neutral, concern: row.stance_concern }),
    tone: toneSignal({ n: row.tone_n, sum: row.tone_sum, negative: row.tone_negative }),
    engagement: engagementSignal({ supportVotes: row.support_votes, priorityPoints: row.priority_points, allPriorityPoints, participants }),
    comments: row.comments,
  };
}

export function sumSignalRows(rows: readonly SignalRow[]): SignalRow {
  const total: SignalRow = {
    stance_support: 0,
    stance_neutral: 0,
    stance_concern: 0,
    support_votes: 0,
    priority_points: 0,
    comments: 0,
    tone_n: 0,
    tone_sum: 0,
    tone_negative: 0,
  };
  for (const row of rows) {
    for (const key of Object.keys(total) as Array<keyof SignalRow>) total[key] += Number(row[key]);
  }
  return total;
}

export type Trends = { stance: Trend; comments: Trend; votes: Trend };

export function trendsFrom(row: {
  stance_recent_support: number;
  stance_recent_neutral: number;
  stance_recent_concern: number;
  stance_previous_support: number;
  stance_previous_neutral: number;
  stance_previous_concern: number;
  comments_recent: number;
  comments_previous: number;
  votes_recent: number;
  votes_previous: number;
}): Trends {
  return {
    stance: stanceTrend(
      { support: row.stance_recent_support, neutral: row.stance_recent_neutral, concern: row.stance_recent_concern },
      { support: row.stance_previous_support, neutral: row.stance_previous_neutral, concern: row.stance_previous_concern },
    ),
    comments: countTrend(row.comments_recent, row.comments_previous),
    votes: countTrend(row.votes_recent, row.votes_previous),
  };
}

export type SegmentCell = {
  /** The option's id (or "Not stated"): what a drill-down filters by. */
  value: string;
  /** What people read: the option's label now (a renamed option keeps its figures). */
  label: string;
  suppressed: SuppressionReason | null;
  /** Every figure is null when the cell is suppressed. */
  members: number | null;
  signals: Signals | null;
};

export type SegmentChoice = { key: string; label: string };
/** One question's breakdown; `choices` are the questions leadership may break figures down by. */
export type SegmentBreakdown = { segment: string; label: string; total: number; cells: SegmentCell[]; choices: SegmentChoice[] };

/** Cells of one breakdown, with small groups (and their complements) hidden. */
export function segmentCells(rows: ReadonlyArray<SignalRow & { value: string; label: string; members: number }>, allPriorityPoints: number): SegmentCell[] {
  const ordered = [...rows].sort((a, b) => b.members - a.members || a.label.localeCompare(b.label));
  return suppressBreakdown(ordered, { totalShown: true }).map((row) =>
    row.suppressed
      ? { value: row.value, label: row.label, suppressed: row.suppressed, members: null, signals: null }
      : { value: row.value, label: row.label, suppressed: null, members: row.members, signals: signalsFrom(row, row.members, allPriorityPoints) },
  );
}

export type { Share };
export { share };
