import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const FOLLOW_SOURCES = ["explicit", "vote", "comment"] as const;
export type FollowSource = (typeof FOLLOW_SOURCES)[number];

// One home for the kinds and cadences: @planpulse/validators/domain (decision 020).
export { NOTIFICATION_KINDS, NOTIFICATION_CADENCES, NOTIFICATION_PREFERENCES } from "@planpulse/validators";
export type { NotificationKind, NotificationCadence, NotificationPreference } from "@planpulse/validators";
import type { NotificationCadence, NotificationKind, NotificationPreference } from "@planpulse/validators";

/** Mail about a notification row (migration 0060): waiting, mailed (at once or in a digest), or never (off, or no address). */
export const NOTIFICATION_MAIL_STATES = ["pending", "sent", "skipped"] as const;
export type NotificationMailState = (typeof NOTIFICATION_MAIL_STATES)[number];

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
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  objective_id: number | null;
  comment_id: number | null;
  actor_id: number | null;
  created_at: Generated<Date>;
  read_at: NullableTimestamp;
  mail_state: ColumnType<NotificationMailState, NotificationMailState | undefined, NotificationMailState>;
  mailed_at: NullableTimestamp;
  /** What a pending row waits for, once the worker has read the recipient's preference; null before. */
  mail_cadence: ColumnType<
    Exclude<NotificationCadence, "off"> | null,
    Exclude<NotificationCadence, "off"> | null | undefined,
    Exclude<NotificationCadence, "off"> | null
  >;
}

/** A member's choice for one preference (migration 0060); a missing row means the default. */
export interface NotificationPreferencesTable {
  user_id: number;
  preference: NotificationPreference;
  cadence: NotificationCadence;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Server secrets generated once and kept in the database (migration 0060), e.g. the mail link key. */
export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
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
  notification_preferences: NotificationPreferencesTable;
  server_secrets: ServerSecretsTable;
  response_timings: ResponseTimingsTable;
}

export type ModerationSettings = Selectable<ModerationSettingsTable>;
export type ObjectiveFollow = Selectable<ObjectiveFollowsTable>;
export type Notification = Selectable<NotificationsTable>;
export type NewNotification = Insertable<NotificationsTable>;
export type ResponseTiming = Selectable<ResponseTimingsTable>;
