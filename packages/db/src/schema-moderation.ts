import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const FOLLOW_SOURCES = ["explicit", "vote", "comment"] as const;
export type FollowSource = (typeof FOLLOW_SOURCES)[number];

export const NOTIFICATION_KINDS = ["staff_reply", "official_response", "progress_update", "comment_hidden", "comment_restored", "mention"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface ModerationSettingsTable {
  id: ColumnType<number, number | undefined, never>;
  hold_first_posts: ColumnType<boolean, boolean | undefined, boolean>;
  /** Lower-case words and phrases; a comment containing one as a whole word is held for review. */
  watch_words: ColumnType<string[], string[] | undefined, string[]>;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ObjectiveFollowsTable {
  user_id: number;
  objective_id: number;
  source: FollowSource;
  created_at: Generated<Date>;
  unfollowed_at: NullableTimestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: number;
  kind: NotificationKind;
  objective_id: number | null;
  comment_id: number | null;
  actor_id: number | null;
  created_at: Generated<Date>;
  read_at: NullableTimestamp;
}

export interface ResponseTimingsTable {
  comment_id: number;
  objective_id: number;
  response_id: number;
  responder_id: number | null;
  first_response_at: ColumnType<Date, Date | string, never>;
  seconds: number;
}

/** Who a comment mentioned and was told about it (migration 0065). */
export interface CommentMentionsTable {
  comment_id: number;
  user_id: number;
  created_at: Generated<Date>;
}

export interface ModerationTables {
  comment_mentions: CommentMentionsTable;
  moderation_settings: ModerationSettingsTable;
  objective_follows: ObjectiveFollowsTable;
  notifications: NotificationsTable;
  response_timings: ResponseTimingsTable;
}

export type ModerationSettings = Selectable<ModerationSettingsTable>;
export type ObjectiveFollow = Selectable<ObjectiveFollowsTable>;
export type Notification = Selectable<NotificationsTable>;
export type NewNotification = Insertable<NotificationsTable>;
export type ResponseTiming = Selectable<ResponseTimingsTable>;
