import type { AnswerSource, DB, Kysely, Transaction } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { deleteAllMemberAnswers, findMemberAnswers, listProfileQuestions, replaceMemberAnswers } from "./queries";
import { MemberAnswersSchema, VERIFIED_SOURCES } from "@planpulse/validators";
import { AppError } from "../errors";

type Executor = Kysely<DB> | Transaction<DB>;

export type MemberAnswerQuestion = {
  key: string;
  label: string;
  hint: string;
  kind: "single" | "multiple";
  /** Options the member may choose, plus retired ones they already hold (marked). */
  options: Array<{ label: string; retired: boolean }>;
  /** Labels of the options the member holds. */
  answer: string[];
  /** The answer came from an import or single sign-on: the member cannot change it. */
  verified: boolean;
};

/** The member's profile questions with their answers, in the association's order (retired questions left out). */
export async function getMemberAnswers(db: Executor, userId: number): Promise<{ questions: MemberAnswerQuestion[]; updatedAt: string | null }> {
  const [questions, answers] = await Promise.all([listProfileQuestions(db), findMemberAnswers(db, userId)]);
  let updatedAt: Date | null = null;
  for (const answer of answers) if (!updatedAt || answer.created_at > updatedAt) updatedAt = answer.created_at;
  return {
    updatedAt: updatedAt?.toISOString() ?? null,
    questions: questions
      .filter((q) => q.retired_at === null)
      .map((q) => {
        const mine = answers.filter((a) => a.question_id === q.id);
        const held = new Set(mine.map((a) => a.option_id));
        return {
          key: q.key,
          label: q.label,
          hint: q.hint,
          kind: q.kind,
          options: q.options.filter((o) => o.retired_at === null || held.has(o.id)).map((o) => ({ label: o.label, retired: o.retired_at !== null })),
          answer: q.options.filter((o) => held.has(o.id)).map((o) => o.label),
          verified: mine.some((a) => VERIFIED_SOURCES.includes(a.source)),
        };
      }),
  };
}

export type SetMemberAnswersOptions = {
  /** "self": the member on /me (cannot overwrite a verified answer); "import" / "sso": verified. */
  source: AnswerSource;
};

/**
 * Sets a member's answers by question key, inside the caller's transaction. Each value is an option
 * label (case-insensitive), a list of labels for a multiple-choice question, or "" / [] to clear.
 * Keys not given are left as they are. Validated against the defined options: an unknown key or
 * option, several options for a one-choice question, a retired option the member did not hold, or
 * (source "self") a change to a verified answer throws BAD_REQUEST with a field error per key and
 * writes nothing. Audit is the caller's (it knows who acted and why). Returns the keys that changed.
 */
export async function setMemberAnswers(
  trx: Executor,
  userId: number,
  rawAnswers: Record<string, string | string[]>,
  options: SetMemberAnswersOptions,
): Promise<{ changed: string[] }> {
  const parsed = MemberAnswersSchema.safeParse(rawAnswers);
  if (!parsed.success) throw new AppError("BAD_REQUEST", { userMessage: "Those answers are not in the expected shape." });
  const [questions, existing] = await Promise.all([listProfileQuestions(trx), findMemberAnswers(trx, userId)]);
  const fieldErrors: Record<string, string[]> = {};
  const plan: Array<{ key: string; questionId: number; optionIds: number[] }> = [];

  for (const [key, value] of Object.entries(parsed.data)) {
    const question = questions.find((q) => q.key === key);
    if (!question) {
      fieldErrors[key] = ["There is no such question"];
      continue;
    }
    if (question.retired_at !== null) {
      fieldErrors[key] = ["This question is no longer asked"];
      continue;
    }
    const labels = (Array.isArray(value) ? value : [value]).map((l) => l.trim()).filter((l) => l !== "");
    const mine = existing.filter((a) => a.question_id === question.id);
    const held = new Set(mine.map((a) => a.option_id));
    const optionIds: number[] = [];
    const problems: string[] = [];
    for (const label of labels) {
      const option = question.options.find((o) => o.label.toLowerCase() === label.toLowerCase());
      if (!option) problems.push(`Choose ${question.label.toLowerCase()} from the list`);
      else if (option.retired_at !== null && !held.has(option.id)) problems.push(`“${option.label}” is no longer offered`);
      else if (!optionIds.includes(option.id)) optionIds.push(option.id);
    }
    if (question.kind === "single" && optionIds.length > 1) problems.push(`Choose one ${question.label.toLowerCase()}`);
    const same = optionIds.length === held.size && optionIds.every((id) => held.has(id));
    if (options.source === "self" && !same && mine.some((a) => VERIFIED_SOURCES.includes(a.source))) {
      problems.push("This answer comes from your membership record and cannot be changed here");
    }
    if (problems.length > 0) {
      fieldErrors[key] = [...new Set(problems)];
      continue;
    }
    const sourceChanges = options.source !== "self" && mine.some((a) => a.source !== options.source);
    if (!same || sourceChanges) plan.push({ key, questionId: question.id, optionIds });
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("BAD_REQUEST", { userMessage: "Some answers could not be saved; nothing was changed.", fieldErrors });
  }
  for (const change of plan) await replaceMemberAnswers(trx, userId, change.questionId, change.optionIds, options.source);
  return { changed: plan.map((change) => change.key) };
}

/** The member's own answers from /me: verified answers stay as they are. */
export async function updateMyAnswers(db: Kysely<DB>, userId: number, answers: Record<string, string | string[]>) {
  await db.transaction().execute(async (trx) => {
    const { changed } = await setMemberAnswers(trx, userId, answers, { source: "self" });
    // The audit records which questions changed, not the (personal) answers.
    if (changed.length > 0)
      await appendAudit(trx, { actorId: userId, action: "member.profile_update", targetType: "user", targetId: userId, after: { questions: changed } });
  });
  return getMemberAnswers(db, userId);
}

export { deleteAllMemberAnswers };
