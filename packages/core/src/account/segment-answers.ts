import { findMemberProfile, sql, upsertMemberProfile, type DB, type Kysely, type Transaction } from "@planpulse/db";
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

const SEP = "\u001f";
const SINGLE_COLUMNS = ["member_type", "career_stage", "library_type", "state"] as const;
const MULTI_COLUMNS = ["divisions", "round_tables"] as const;

/** Today's stored answers and verified keys for many members at once (for an import's preview). */
export async function findSegmentAnswers(db: Kysely<DB> | Transaction<DB>, userIds: number[]): Promise<Map<number, { answers: SegmentAnswers; verified: string[] }>> {
  const found = new Map<number, { answers: SegmentAnswers; verified: string[] }>();
  if (userIds.length === 0) return found;
  const rows = await db.selectFrom("member_profiles").selectAll().where("user_id", "=", sql<number>`any(${userIds}::int[])`).execute();
  for (const row of rows) {
    const answers: SegmentAnswers = {};
    for (const column of SINGLE_COLUMNS) if (row[column] !== null) answers[column] = row[column]!;
    for (const column of MULTI_COLUMNS) answers[column] = row[column];
    found.set(row.user_id, { answers, verified: row.verified_fields });
  }
  return found;
}

/** Whether storing `next` as verified would change anything for a member who has `current`. */
export function segmentAnswersDiffer(current: { answers: SegmentAnswers; verified: string[] } | undefined, next: SegmentAnswers): boolean {
  return Object.entries(next).some(([key, value]) => {
    if (!current?.verified.includes(key)) return true;
    const before = current.answers[key];
    return JSON.stringify(Array.isArray(value) ? [...value].sort() : value) !== JSON.stringify(Array.isArray(before) ? [...before].sort() : (before ?? null));
  });
}

/**
 * Many members' verified answers in one statement (the member import's batches). Same rules as
 * setVerifiedSegmentAnswers: only the answered questions change, and a row that would not change
 * is not written (so re-importing a file changes nothing). Returns the members whose answers changed.
 */
export async function setVerifiedSegmentAnswersBulk(trx: Transaction<DB>, rows: Array<{ userId: number; answers: SegmentAnswers }>, source: "sso" | "import"): Promise<number[]> {
  const withAnswers = rows.filter((row) => Object.keys(row.answers).length > 0);
  if (withAnswers.length === 0) return [];
  const single = (column: string) => withAnswers.map((row) => (typeof row.answers[column] === "string" ? (row.answers[column] as string) : null));
  const multi = (column: string) => withAnswers.map((row) => (Array.isArray(row.answers[column]) ? (row.answers[column] as string[]).join(SEP) : null));
  const answered = (column: string) => sql`${column} = any(excluded.verified_fields)`;
  const next = (column: string) => sql`case when ${answered(column)} then excluded.${sql.ref(column)} else mp.${sql.ref(column)} end`;
  const columns = [...SINGLE_COLUMNS, ...MULTI_COLUMNS];
  const changed = await sql<{ user_id: number }>`
    insert into member_profiles as mp (user_id, member_type, career_stage, library_type, state, divisions, round_tables, verified_fields, verified_source)
    select t.uid, t.mt, t.cs, t.lt, t.st,
           coalesce(string_to_array(t.dv, ${SEP}), '{}'), coalesce(string_to_array(t.rt, ${SEP}), '{}'),
           string_to_array(t.vk, ${SEP}), ${source}
    from unnest(${withAnswers.map((r) => r.userId)}::int[], ${single("member_type")}::text[], ${single("career_stage")}::text[],
                ${single("library_type")}::text[], ${single("state")}::text[], ${multi("divisions")}::text[], ${multi("round_tables")}::text[],
                ${withAnswers.map((r) => Object.keys(r.answers).sort().join(SEP))}::text[]) as t(uid, mt, cs, lt, st, dv, rt, vk)
    on conflict (user_id) do update set
      ${sql.join(columns.map((column) => sql`${sql.ref(column)} = ${next(column)}`))},
      verified_fields = array(select distinct v from unnest(mp.verified_fields || excluded.verified_fields) as v order by v),
      verified_source = excluded.verified_source,
      updated_at = now()
    where (${sql.join(columns.map((column) => sql`mp.${sql.ref(column)}`))}) is distinct from (${sql.join(columns.map(next))})
       or not (mp.verified_fields @> excluded.verified_fields)
    returning user_id`.execute(trx);
  return changed.rows.map((row) => row.user_id);
}
