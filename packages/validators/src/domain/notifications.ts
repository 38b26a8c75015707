/**
 * Notifications: what happened (a kind, one per in-app row), the preference each kind falls under,
 * and how often a member wants mail about it. The database's check, the settings page, the mail and
 * the in-app list all derive from these lists (decision 020).
 */
export const NOTIFICATION_KINDS = [
  "staff_reply",
  "official_response",
  "progress_update",
  "comment_hidden",
  "comment_restored",
  "comment_reply",
  "followed_comment",
  "followed_staff_reply",
  "mention",
  "comment_flagged",
  "comment_held",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How often mail about a preference goes out. */
export const NOTIFICATION_CADENCES = ["immediate", "daily", "weekly", "off"] as const;
export type NotificationCadence = (typeof NOTIFICATION_CADENCES)[number];

export const NOTIFICATION_CADENCE_LABELS: Record<NotificationCadence, string> = {
  immediate: "At once",
  daily: "Daily digest",
  weekly: "Weekly digest",
  off: "Off",
};

/** What a member (or a moderator, for the last one) chooses a cadence for. */
export const NOTIFICATION_PREFERENCES = ["replies", "mentions", "staff_responses", "progress", "followed_comments", "moderation", "moderator_alerts"] as const;
export type NotificationPreference = (typeof NOTIFICATION_PREFERENCES)[number];

/** The preferences on the member's settings page; moderator alerts are chosen in the admin app. */
export const MEMBER_NOTIFICATION_PREFERENCES = [
  "replies",
  "mentions",
  "staff_responses",
  "progress",
  "followed_comments",
  "moderation",
] as const satisfies readonly NotificationPreference[];

export const NOTIFICATION_PREFERENCE_LABELS: Record<NotificationPreference, string> = {
  replies: "Replies to my comments",
  mentions: "@mentions of me",
  staff_responses: "Staff replies and official responses on objectives I follow",
  progress: "Progress updates on objectives I follow",
  followed_comments: "New comments on objectives I follow",
  moderation: "Moderation decisions on my comments",
  moderator_alerts: "New flags and comments held for review",
};

/** Mentions and replies at once, followed objectives weekly, moderation decisions at once, alerts daily. */
export const NOTIFICATION_PREFERENCE_DEFAULTS: Record<NotificationPreference, NotificationCadence> = {
  replies: "immediate",
  mentions: "immediate",
  staff_responses: "weekly",
  progress: "weekly",
  followed_comments: "weekly",
  moderation: "immediate",
  moderator_alerts: "daily",
};

export const NOTIFICATION_KIND_PREFERENCE: Record<NotificationKind, NotificationPreference> = {
  staff_reply: "replies",
  comment_reply: "replies",
  mention: "mentions",
  official_response: "staff_responses",
  followed_staff_reply: "staff_responses",
  progress_update: "progress",
  followed_comment: "followed_comments",
  comment_hidden: "moderation",
  comment_restored: "moderation",
  comment_flagged: "moderator_alerts",
  comment_held: "moderator_alerts",
};

/** One line per event, in mail and in the in-app list ("Ana (staff) replied to your comment"). */
export function describeNotification(kind: string, actorName: string | null): string {
  const who = actorName ?? "Someone";
  const staff = actorName ?? "Association staff";
  switch (kind as NotificationKind) {
    case "staff_reply":
      return `${staff} (staff) replied to your comment`;
    case "comment_reply":
      return `${who} replied to your comment`;
    case "mention":
      return `${who} mentioned you in a comment`;
    case "official_response":
      return `${staff} posted an official response on an objective you follow`;
    case "followed_staff_reply":
      return `${staff} (staff) replied in the discussion of an objective you follow`;
    case "progress_update":
      return "Progress was updated on an objective you follow";
    case "followed_comment":
      return `${who} commented on an objective you follow`;
    case "comment_hidden":
      return "The moderators hid your comment";
    case "comment_restored":
      return "The moderators restored your comment; everyone can read it again";
    case "comment_flagged":
      return "A comment was flagged for the moderators";
    case "comment_held":
      return "A new comment is held for review";
    default:
      return "Something happened on an objective you follow";
  }
}
