/** Why a member flagged a comment. */
export const FLAG_REASONS = ["spam", "abuse", "off_topic", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** Short labels, for moderators' queues. */
export const FLAG_REASON_LABELS: Record<FlagReason, string> = {
  spam: "Spam",
  abuse: "Abuse",
  off_topic: "Off topic",
  other: "Other",
};

/** The choices a member reads when flagging. */
export const FLAG_REASON_CHOICES: Record<FlagReason, string> = {
  spam: "Spam or advertising",
  abuse: "Abusive or hateful",
  off_topic: "Off-topic",
  other: "Something else (tell us what)",
};

export function flagReasonLabel(reason: string): string {
  return (FLAG_REASON_LABELS as Record<string, string>)[reason] ?? reason;
}
