import { findMemberProfile, upsertMemberProfile, type DB, type Transaction } from "@planpulse/db";
import { CAREER_STAGES, DIVISIONS, LIBRARY_TYPES, MEMBER_TYPES, ROUND_TABLES, US_STATES } from "@planpulse/validators";

/**
 * THE ADAPTER between "segment questions" and how answers are stored. Today segments are the fixed
 * columns of member_profiles; the assoc branch turns them into admin-defined profile questions with
 * a verified flag and a core function to set a member's answers by question key. SSO claims and the
 * member import only ever go through `listSegmentQuestions()` and `setVerifiedSegmentAnswers()`, so
 * reconnecting them to the new model means rewriting this one file (see docs/decisions/017).
 */
export type SegmentQuestion = {
  /** Stable key (used by OIDC_SEGMENT_CLAIMS). */
  key: string;
  /** The question's name as people read it (the member import's column header). */
  name: string;
  multiple: boolean;
  choices: readonly string[];
};

const QUESTIONS: readonly SegmentQuestion[] = [
  { key: "member_type", name: "Member type", multiple: false, choices: MEMBER_TYPES },
  { key: "career_stage", name: "Career stage", multiple: false, choices: CAREER_STAGES },
  { key: "library_type", name: "Library type", multiple: false, choices: LIBRARY_TYPES },
  { key: "divisions", name: "Divisions", multiple: true, choices: DIVISIONS },
  { key: "round_tables", name: "Round tables", multiple: true, choices: ROUND_TABLES },
  { key: "state", name: "State", multiple: false, choices: US_STATES },
];

export async function listSegmentQuestions(): Promise<readonly SegmentQuestion[]> {
  return QUESTIONS;
}

export type SegmentAnswers = Record<string, string | string[]>;

/**
 * Checks raw answers against the questions: unknown keys and values outside a question's choices
 * come back as problems (in words), the rest as clean answers. Matching of choices ignores letter case.
 */
export function checkSegmentAnswers(
  questions: readonly SegmentQuestion[],
  raw: Record<string, string | string[]>,
): { answers: SegmentAnswers; problems: string[] } {
  const answers: SegmentAnswers = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const question = questions.find((q) => q.key === key);
    if (!question) {
      problems.push(`"${key}" is not a segment question`);
      continue;
    }
    const values = (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v.length > 0);
    if (values.length === 0) continue;
    if (!question.multiple && values.length > 1) {
      problems.push(`${question.name} takes one answer`);
      continue;
    }
    const matched: string[] = [];
    for (const v of values) {
      const choice = question.choices.find((c) => c.toLowerCase() === v.toLowerCase());
      if (!choice) problems.push(`${question.name}: "${v.slice(0, 60)}" is not one of its choices`);
      else if (!matched.includes(choice)) matched.push(choice);
    }
    if (matched.length === values.length) answers[key] = question.multiple ? matched : matched[0]!;
  }
  return { answers, problems };
}

/**
 * Stores answers as verified (they came from the association's records); answers to other
 * questions stay as they were. Returns whether anything changed.
 */
export async function setVerifiedSegmentAnswers(trx: Transaction<DB>, userId: number, answers: SegmentAnswers, source: "sso" | "import"): Promise<boolean> {
  const keys = Object.keys(answers);
  if (keys.length === 0) return false;
  const current = await findMemberProfile(trx, userId);
  const fields = {
    member_type: current?.member_type ?? null,
    career_stage: current?.career_stage ?? null,
    library_type: current?.library_type ?? null,
    divisions: current?.divisions ?? [],
    round_tables: current?.round_tables ?? [],
    state: current?.state ?? null,
  };
  const before = JSON.stringify(fields);
  for (const key of keys) (fields as Record<string, unknown>)[key] = answers[key];
  const verified = [...new Set([...(current?.verified_fields ?? []), ...keys])].sort();
  if (before === JSON.stringify(fields) && verified.join() === (current?.verified_fields ?? []).join()) return false;
  await upsertMemberProfile(trx, userId, fields);
  await trx.updateTable("member_profiles").set({ verified_fields: verified, verified_source: source }).where("user_id", "=", userId).execute();
  return true;
}
