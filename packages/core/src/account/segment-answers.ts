import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";
import { listProfileQuestions } from "../segments/queries";
import { setMemberAnswers } from "../segments/member-answers";

/**
 * Where SSO claims and the member import meet the segments: the association's profile questions
 * (segments/profile-questions) and their answers (member_answers, whose source "import" / "sso" makes
 * an answer verified). Single members go through setMemberAnswers; the import's batches use the bulk
 * writer below, which follows the same rules in two statements.
 */
export type SegmentQuestion = {
  /** Stable key (used by OIDC_SEGMENT_CLAIMS). */
  key: string;
  /** The question's name as people read it (the member import's column header). */
  name: string;
  multiple: boolean;
  /** Labels of the options on offer. */
  choices: readonly string[];
};

type Executor = Kysely<DB> | Transaction<DB>;
type ImportSource = "sso" | "import";

/** The questions still asked, with the options still offered. */
export async function listSegmentQuestions(db: Executor): Promise<SegmentQuestion[]> {
  const questions = await listProfileQuestions(db);
  return questions
    .filter((q) => q.retired_at === null)
    .map((q) => ({ key: q.key, name: q.label, multiple: q.kind === "multiple", choices: q.options.filter((o) => o.retired_at === null).map((o) => o.label) }));
}

export type SegmentAnswers = Record<string, string | string[]>;

/**
 * Checks raw answers against the questions: unknown keys and values outside a question's choices
 * come back as problems (in words), the rest as clean answers (the options' own labels).
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
      problems.push(`"${key.slice(0, 60)}" is not a segment question`);
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

/** Stores checked answers as verified for one member (SSO sign-in). Returns whether anything changed. */
export async function setVerifiedSegmentAnswers(trx: Transaction<DB>, userId: number, answers: SegmentAnswers, source: ImportSource): Promise<boolean> {
  if (Object.keys(answers).length === 0) return false;
  const { changed } = await setMemberAnswers(trx, userId, answers, { source });
  return changed.length > 0;
}

export type StoredSegmentAnswers = { labels: Record<string, string[]>; sources: Record<string, string[]> };

/** Today's answers (labels and sources per question key) of many members at once, for an import's preview. */
export async function findSegmentAnswers(db: Executor, userIds: number[]): Promise<Map<number, StoredSegmentAnswers>> {
  const found = new Map<number, StoredSegmentAnswers>();
  for (let i = 0; i < userIds.length; i += 20_000) {
    const chunk = userIds.slice(i, i + 20_000);
    const rows = await db
      .selectFrom("member_answers as a")
      .innerJoin("profile_questions as q", "q.id", "a.question_id")
      .innerJoin("profile_options as o", "o.id", "a.option_id")
      .select(["a.user_id", "q.key", "o.label", "a.source"])
      .where("a.user_id", "=", sql<number>`any(${chunk}::int[])`)
      .execute();
    for (const row of rows) {
      const entry = found.get(row.user_id) ?? { labels: {}, sources: {} };
      (entry.labels[row.key] ??= []).push(row.label);
      (entry.sources[row.key] ??= []).push(row.source);
      found.set(row.user_id, entry);
    }
  }
  return found;
}

/** Whether storing `next` with `source` would change anything for a member who has `current`. */
export function segmentAnswersDiffer(current: StoredSegmentAnswers | undefined, next: SegmentAnswers, source: ImportSource): boolean {
  return Object.entries(next).some(([key, value]) => {
    const wanted = (Array.isArray(value) ? value : [value]).map((v) => v.toLowerCase()).sort();
    const held = (current?.labels[key] ?? []).map((v) => v.toLowerCase()).sort();
    return wanted.join("\u001f") !== held.join("\u001f") || (current?.sources[key] ?? []).some((s) => s !== source);
  });
}

/**
 * Many members' verified answers in two statements (the member import's batches), by the rules of
 * setMemberAnswers: only the answered questions change, and rows that already say the same thing
 * are not written, so re-importing a file changes nothing. Returns the members whose answers changed.
 */
export async function setVerifiedSegmentAnswersBulk(
  trx: Transaction<DB>,
  rows: Array<{ userId: number; answers: SegmentAnswers }>,
  source: ImportSource,
): Promise<number[]> {
  const questions = await listProfileQuestions(trx);
  const uids: number[] = [];
  const qids: number[] = [];
  const oids: number[] = [];
  for (const row of rows) {
    for (const [key, value] of Object.entries(row.answers)) {
      const question = questions.find((q) => q.key === key);
      if (!question) continue;
      for (const label of Array.isArray(value) ? value : [value]) {
        const option = question.options.find((o) => o.label.toLowerCase() === label.toLowerCase());
        if (!option) continue;
        uids.push(row.userId);
        qids.push(question.id);
        oids.push(option.id);
      }
    }
  }
  if (uids.length === 0) return [];
  const removed = await sql<{ user_id: number }>`
    with desired as (select * from unnest(${uids}::int[], ${qids}::int[], ${oids}::int[]) as d(uid, qid, oid)),
         answered as (select distinct uid, qid from desired)
    delete from member_answers ma using answered a
    where ma.user_id = a.uid and ma.question_id = a.qid
      and not exists (select 1 from desired d where d.uid = ma.user_id and d.oid = ma.option_id)
    returning ma.user_id`.execute(trx);
  const written = await sql<{ user_id: number }>`
    insert into member_answers (user_id, question_id, option_id, source)
    select uid, qid, oid, ${source} from unnest(${uids}::int[], ${qids}::int[], ${oids}::int[]) as d(uid, qid, oid)
    on conflict (user_id, option_id) do update set source = excluded.source where member_answers.source <> excluded.source
    returning user_id`.execute(trx);
  return [...new Set([...removed.rows, ...written.rows].map((row) => row.user_id))];
}
