/**
 * A member's stance on an objective: in favour, neutral or concerned. Not to be confused with
 * support (the vote, "312 supporters"). The stored value of "in favour" is 'support' (database
 * check constraints name it); only the words change.
 */
export const STANCES = ["support", "neutral", "concern"] as const;
export type StanceValue = (typeof STANCES)[number];

/** Capitalised, for choices and chips: "In favour", "Neutral", "Concerned". */
export const STANCE_LABELS: Record<StanceValue, string> = { support: "In favour", neutral: "Neutral", concern: "Concerned" };

/** Inside a sentence: "62% in favour". */
export const STANCE_WORDS: Record<StanceValue, string> = { support: "in favour", neutral: "neutral", concern: "concerned" };

/** What each choice means, shown under it where a member picks a stance. */
export const STANCE_HINTS: Record<StanceValue, string> = {
  support: "I back this objective as written.",
  neutral: "I have no strong view either way.",
  concern: "I have reservations about this objective.",
};

/** Order for diverging bars and legends: concerned on the left, in favour on the right. */
export const STANCE_BAR_ORDER: readonly StanceValue[] = ["concern", "neutral", "support"];

/** "in favour, neutral or concerned": for error messages. */
export const STANCE_CHOICE_TEXT = "in favour, neutral or concerned";

export function isStance(value: unknown): value is StanceValue {
  return typeof value === "string" && (STANCES as readonly string[]).includes(value);
}
