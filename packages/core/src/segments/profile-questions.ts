import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { countAnswersByOption, listProfileQuestions } from "./queries";
import { requestFullInsightRefresh } from "../insight/rollups";
import {
  MAX_PROFILE_OPTIONS,
  MAX_PROFILE_QUESTIONS,
  type ProfileOptionDeleteSchema,
  type ProfileOptionRetireSchema,
  type ProfileOptionSchema,
  type ProfileQuestionMoveSchema,
  type ProfileQuestionRetireSchema,
  type ProfileQuestionSchema,
  type z,
} from "@planpulse/validators";
import { AppError } from "../errors";
import type { Actor } from "../progress/domain-scope";

export type ProfileOptionView = { id: number; label: string; position: number; retired: boolean; members: number };
export type ProfileQuestionView = {
  id: number;
  key: string;
  label: string;
  hint: string;
  kind: "single" | "multiple";
  position: number;
  breakdown: boolean;
  retired: boolean;
  options: ProfileOptionView[];
};

/** Every question with its options and how many members hold each option (the admin page). */
export async function listProfileQuestionsForAdmin(db: Kysely<DB>): Promise<ProfileQuestionView[]> {
  const [questions, counts] = await Promise.all([listProfileQuestions(db), countAnswersByOption(db)]);
  return questions.map((q) => ({
    id: q.id,
    key: q.key,
    label: q.label,
    hint: q.hint,
    kind: q.kind,
    position: q.position,
    breakdown: q.breakdown,
    retired: q.retired_at !== null,
    options: q.options.map((o) => ({ id: o.id, label: o.label, position: o.position, retired: o.retired_at !== null, members: counts.get(o.id) ?? 0 })),
  }));
}

/** Serialises edits to the question set (positions, duplicate checks) across processes. */
async function lockQuestions(trx: Transaction<DB>) {
  await sql`select pg_advisory_xact_lock(hashtext('profile-questions'))`.execute(trx);
}

async function findQuestion(trx: Transaction<DB>, questionId: number) {
  const question = await trx.selectFrom("profile_questions").selectAll().where("id", "=", questionId).executeTakeFirst();
  if (!question) throw new AppError("NOT_FOUND", { userMessage: "There is no such question." });
  return question;
}

async function findOption(trx: Transaction<DB>, optionId: number) {
  const option = await trx.selectFrom("profile_options").selectAll().where("id", "=", optionId).executeTakeFirst();
  if (!option) throw new AppError("NOT_FOUND", { userMessage: "There is no such option." });
  return option;
}

const audit = (trx: Transaction<DB>, actor: Actor, action: string, targetType: string, targetId: number, before?: unknown, after?: unknown) =>
  appendAudit(trx, { actorId: actor.id, action, targetType, targetId, before, after });

/** Adds a question (at the end) or changes one's label, hint, kind or breakdown flag. Its key never changes. */
export async function saveProfileQuestion(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof ProfileQuestionSchema>,
): Promise<{ id: number; changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockQuestions(trx);
    const sameLabel = await trx
      .selectFrom("profile_questions")
      .select(["id", "key"])
      .where((eb) => eb.or([eb(sql`lower(label)`, "=", input.label.toLowerCase()), eb("key", "=", input.key)]))
      .execute();
    if (input.questionId === undefined) {
      if (sameLabel.some((q) => q.key === input.key)) {
        throw new AppError("BAD_REQUEST", { userMessage: "Another question has that key.", fieldErrors: { key: ["Another question has that key"] } });
      }
      if (sameLabel.length > 0) {
        throw new AppError("BAD_REQUEST", {
          userMessage: "Another question asks that already.",
          fieldErrors: { label: ["Another question has that wording"] },
        });
      }
      const { n, last } = await trx
        .selectFrom("profile_questions")
        .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.max("position").as("last")])
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_PROFILE_QUESTIONS) throw new AppError("BAD_REQUEST", { userMessage: `A profile has at most ${MAX_PROFILE_QUESTIONS} questions.` });
      const row = await trx
        .insertInto("profile_questions")
        .values({ key: input.key, label: input.label, hint: input.hint, kind: input.kind, breakdown: input.breakdown, position: Number(last ?? 0) + 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, actor, "profile_question.create", "profile_question", row.id, undefined, {
        key: input.key,
        label: input.label,
        kind: input.kind,
        breakdown: input.breakdown,
      });
      // Everyone gets a "Not stated" cell for the new question.
      await requestFullInsightRefresh(trx);
      return { id: row.id, changed: true };
    }
    const question = await findQuestion(trx, input.questionId);
    if (input.key !== question.key) {
      throw new AppError("BAD_REQUEST", {
        userMessage: "A question's key cannot change.",
        fieldErrors: { key: ["A question's key cannot change; add a new question instead"] },
      });
    }
    if (sameLabel.some((q) => q.id !== question.id && q.key !== input.key)) {
      throw new AppError("BAD_REQUEST", { userMessage: "Another question asks that already.", fieldErrors: { label: ["Another question has that wording"] } });
    }
    if (question.kind === "multiple" && input.kind === "single") {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from (select user_id from member_answers where question_id = ${question.id} group by user_id having count(*) > 1) m`.execute(
        trx,
      );
      if ((rows[0]?.n ?? 0) > 0) {
        throw new AppError("BAD_REQUEST", {
          userMessage: "Members chose several options for this question.",
          fieldErrors: { kind: [`${rows[0]!.n} member(s) chose several options; it must stay “any number of choices”`] },
        });
      }
    }
    const before = { label: question.label, hint: question.hint, kind: question.kind, breakdown: question.breakdown };
    const after = { label: input.label, hint: input.hint, kind: input.kind, breakdown: input.breakdown };
    if (JSON.stringify(before) === JSON.stringify(after)) return { id: question.id, changed: false };
    await trx
      .updateTable("profile_questions")
      .set({ ...after, updated_at: new Date() })
      .where("id", "=", question.id)
      .execute();
    await audit(trx, actor, "profile_question.update", "profile_question", question.id, before, after);
    return { id: question.id, changed: true };
  });
}

export async function moveProfileQuestion(db: Kysely<DB>, actor: Actor, input: z.output<typeof ProfileQuestionMoveSchema>): Promise<{ changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockQuestions(trx);
    const question = await findQuestion(trx, input.questionId);
    const ordered = await trx.selectFrom("profile_questions").select(["id", "position"]).orderBy("position").orderBy("id").execute();
    const index = ordered.findIndex((q) => q.id === question.id);
    const swapWith = input.direction === "up" ? index - 1 : index + 1;
    if (swapWith < 0 || swapWith >= ordered.length) return { changed: false };
    [ordered[index], ordered[swapWith]] = [ordered[swapWith]!, ordered[index]!];
    for (const [position, row] of ordered.entries()) {
      if (row.position !== position + 1)
        await trx
          .updateTable("profile_questions")
          .set({ position: position + 1 })
          .where("id", "=", row.id)
          .execute();
    }
    await audit(trx, actor, "profile_question.move", "profile_question", question.id, { position: index + 1 }, { position: swapWith + 1 });
    return { changed: true };
  });
}

/** A retired question leaves the profile form and the dashboard's choices; its answers stay. */
export async function setProfileQuestionRetired(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof ProfileQuestionRetireSchema>,
): Promise<{ changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockQuestions(trx);
    const question = await findQuestion(trx, input.questionId);
    if ((question.retired_at !== null) === input.retired) return { changed: false };
    await trx
      .updateTable("profile_questions")
      .set({ retired_at: input.retired ? new Date() : null, updated_at: new Date() })
      .where("id", "=", question.id)
      .execute();
    await audit(trx, actor, input.retired ? "profile_question.retire" : "profile_question.restore", "profile_question", question.id);
    return { changed: true };
  });
}

/** Adds an option, or renames one: members who chose it keep their answer (answers point at the option). */
export async function saveProfileOption(db: Kysely<DB>, actor: Actor, input: z.output<typeof ProfileOptionSchema>): Promise<{ id: number; changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockQuestions(trx);
    const question = await findQuestion(trx, input.questionId);
    const options = await trx.selectFrom("profile_options").selectAll().where("question_id", "=", question.id).execute();
    const duplicate = options.find((o) => o.id !== input.optionId && o.label.toLowerCase() === input.label.toLowerCase());
    if (duplicate) {
      const where = duplicate.retired_at ? " (a retired one: restore it instead)" : "";
      throw new AppError("BAD_REQUEST", {
        userMessage: `“${question.label}” already has an option “${duplicate.label}”${where}.`,
        fieldErrors: { label: [`This question already has an option called “${duplicate.label}”${where}`] },
      });
    }
    if (input.optionId === undefined) {
      if (options.length >= MAX_PROFILE_OPTIONS)
        throw new AppError("BAD_REQUEST", {
          userMessage: `A question has at most ${MAX_PROFILE_OPTIONS} options.`,
          fieldErrors: { label: [`A question has at most ${MAX_PROFILE_OPTIONS} options`] },
        });
      const position = options.reduce((max, o) => Math.max(max, o.position), 0) + 1;
      const row = await trx
        .insertInto("profile_options")
        .values({ question_id: question.id, label: input.label, position })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, actor, "profile_option.create", "profile_option", row.id, undefined, { question: question.key, label: input.label });
      return { id: row.id, changed: true };
    }
    const option = options.find((o) => o.id === input.optionId);
    if (!option) throw new AppError("NOT_FOUND", { userMessage: "There is no such option for this question." });
    if (option.label === input.label) return { id: option.id, changed: false };
    await trx.updateTable("profile_options").set({ label: input.label, updated_at: new Date() }).where("id", "=", option.id).execute();
    await audit(trx, actor, "profile_option.rename", "profile_option", option.id, { label: option.label }, { label: input.label });
    return { id: option.id, changed: true };
  });
}

/** A retired option is no longer offered; members who chose it keep it, and the figures keep counting it. */
export async function setProfileOptionRetired(db: Kysely<DB>, actor: Actor, input: z.output<typeof ProfileOptionRetireSchema>): Promise<{ changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockQuestions(trx);
    const option = await findOption(trx, input.optionId);
    if ((option.retired_at !== null) === input.retired) return { changed: false };
    await trx
      .updateTable("profile_options")
      .set({ retired_at: input.retired ? new Date() : null, updated_at: new Date() })
      .where("id", "=", option.id)
      .execute();
    await audit(trx, actor, input.retired ? "profile_option.retire" : "profile_option.restore", "profile_option", option.id, undefined, {
      label: option.label,
    });
    return { changed: true };
  });
}

/** Deletes an option nobody chose (a typo); one in use must be retired instead, so no answer is lost. */
export async function deleteProfileOption(db: Kysely<DB>, actor: Actor, input: z.output<typeof ProfileOptionDeleteSchema>): Promise<{ changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockQuestions(trx);
    const option = await findOption(trx, input.optionId);
    // Lock out a member choosing it while we look.
    await sql`select id from profile_options where id = ${option.id} for update`.execute(trx);
    const { n } = await trx
      .selectFrom("member_answers")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("option_id", "=", option.id)
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) {
      throw new AppError("CONFLICT", {
        userMessage: `“${option.label}” is the answer of ${Number(n)} member(s); retire it instead so their answers are kept.`,
        fieldErrors: { optionId: [`In use by ${Number(n)} member(s): retire it instead`] },
      });
    }
    await trx.deleteFrom("profile_options").where("id", "=", option.id).execute();
    await audit(trx, actor, "profile_option.delete", "profile_option", option.id, { label: option.label }, undefined);
    return { changed: true };
  });
}

export type ProfileQuestionDefinition = { key: string; label: string; hint?: string; kind: "single" | "multiple"; breakdown: boolean; options: string[] };

/** The seed's default questions, only when the association has none yet (never over an admin's). */
export async function seedProfileQuestionsIfNone(db: Kysely<DB>, definitions: readonly ProfileQuestionDefinition[]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockQuestions(trx);
    const any = await trx.selectFrom("profile_questions").select("id").limit(1).executeTakeFirst();
    if (any) return 0;
    for (const [index, definition] of definitions.entries()) {
      const row = await trx
        .insertInto("profile_questions")
        .values({
          key: definition.key,
          label: definition.label,
          hint: definition.hint ?? "",
          kind: definition.kind,
          breakdown: definition.breakdown,
          position: index + 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (definition.options.length > 0) {
        await trx
          .insertInto("profile_options")
          .values(definition.options.map((label, position) => ({ question_id: row.id, label, position: position + 1 })))
          .execute();
      }
    }
    if (definitions.length > 0) await requestFullInsightRefresh(trx);
    return definitions.length;
  });
}
