import type { AnswerSource, DB, Kysely, ProfileOption, ProfileQuestion, Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

export type QuestionWithOptions = ProfileQuestion & { options: ProfileOption[] };

/** Every profile question in order with its options in order (retired ones included; callers filter). */
export async function listProfileQuestions(db: Executor): Promise<QuestionWithOptions[]> {
  const [questions, options] = await Promise.all([
    db.selectFrom("profile_questions").selectAll().orderBy("position").orderBy("id").execute(),
    db.selectFrom("profile_options").selectAll().orderBy("position").orderBy("id").execute(),
  ]);
  return questions.map((question) => ({ ...question, options: options.filter((option) => option.question_id === question.id) }));
}

export function findMemberAnswers(db: Executor, userId: number) {
  return db.selectFrom("member_answers").select(["question_id", "option_id", "source", "created_at"]).where("user_id", "=", userId).execute();
}

/** Replaces a member's answers to one question (the rows an unchanged option keeps, with their date). */
export async function replaceMemberAnswers(
  trx: Executor,
  userId: number,
  questionId: number,
  optionIds: readonly number[],
  source: AnswerSource,
): Promise<void> {
  let remove = trx.deleteFrom("member_answers").where("user_id", "=", userId).where("question_id", "=", questionId);
  if (optionIds.length > 0) remove = remove.where("option_id", "not in", optionIds);
  await remove.execute();
  if (optionIds.length === 0) return;
  await trx
    .insertInto("member_answers")
    .values(optionIds.map((optionId) => ({ user_id: userId, question_id: questionId, option_id: optionId, source })))
    .onConflict((oc) => oc.columns(["user_id", "option_id"]).doUpdateSet({ source }).where("member_answers.source", "<>", source))
    .execute();
}

export async function deleteAllMemberAnswers(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom("member_answers").where("user_id", "=", userId).execute();
}

/** How many members hold each option, for the admin page (an option in use cannot be deleted). */
export async function countAnswersByOption(db: Executor): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("member_answers")
    .select(["option_id", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("option_id")
    .execute();
  return new Map(rows.map((row) => [row.option_id, Number(row.n)]));
}
