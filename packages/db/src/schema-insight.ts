import type { ColumnType } from "kysely";

type Count = ColumnType<number, number | undefined, number>;
type NullableNumber = ColumnType<number | null, number | null | undefined, number | null>;

/** Figures shared by an objective's rollup and a segment's rollup. */
interface SignalCounts {
  stance_support: Count;
  stance_neutral: Count;
  stance_concern: Count;
  support_votes: Count;
  priority_points: Count;
  comments: Count;
  tone_n: Count;
  tone_sum: Count;
  tone_negative: Count;
}

export interface InsightObjectiveRollupsTable extends SignalCounts {
  objective_id: number;
  participants: Count;
  stance_recent_support: Count;
  stance_recent_neutral: Count;
  stance_recent_concern: Count;
  stance_previous_support: Count;
  stance_previous_neutral: Count;
  stance_previous_concern: Count;
  comments_recent: Count;
  comments_previous: Count;
  votes_recent: Count;
  votes_previous: Count;
  comments_eligible: Count;
  comments_answered: Count;
  median_response_seconds: NullableNumber;
  last_activity_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface InsightSegmentRollupsTable extends SignalCounts {
  segment: string;
  value: string;
  /** 0 = the whole plan. */
  objective_id: number;
  members: Count;
}

export interface InsightDomainRollupsTable {
  domain_id: number;
  participants: Count;
}

export interface InsightUpdateStancesTable {
  progress_update_id: number;
  moment: "before" | "after";
  at: ColumnType<Date, Date | string, Date | string>;
  support: Count;
  neutral: Count;
  concern: Count;
}

export interface InsightWeeklyTable {
  /** Monday of the week, as text ("YYYY-MM-DD"). */
  week: ColumnType<string, string, string>;
  participants: Count;
  comments: Count;
  support_votes: Count;
  stances: Count;
  priority_changes: Count;
}

export interface InsightHeadlineTable {
  id: ColumnType<number, number | undefined, never>;
  participants_7d: Count;
  participants_30d: Count;
  participants_90d: Count;
  participants_all: Count;
  comments: Count;
  comments_30d: Count;
  support_votes: Count;
  support_votes_30d: Count;
  priority_points: Count;
  priority_members: Count;
  comments_eligible: Count;
  comments_answered: Count;
  median_response_seconds: NullableNumber;
  change_mark: Count;
  refreshed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface InsightTables {
  insight_objective_rollups: InsightObjectiveRollupsTable;
  insight_segment_rollups: InsightSegmentRollupsTable;
  insight_domain_rollups: InsightDomainRollupsTable;
  insight_update_stances: InsightUpdateStancesTable;
  insight_weekly: InsightWeeklyTable;
  insight_headline: InsightHeadlineTable;
}
