import { z } from "zod";
import { text as storableText } from "./text";

// Profile questions are the association's own (issue #11): admins define them, members answer them,
// leadership breaks figures down by the ones marked for it. The questions and options live in the
// database; these are only the shapes.

export const PROFILE_QUESTION_KINDS = ["single", "multiple"] as const;
export const PROFILE_QUESTION_KIND_LABELS: Record<(typeof PROFILE_QUESTION_KINDS)[number], string> = {
  single: "One choice",
  multiple: "Any number of choices",
};
export const ANSWER_SOURCES = ["self", "import", "sso"] as const;
export type AnswerSourceName = (typeof ANSWER_SOURCES)[number];
/** Answers from an import or single sign-on are verified: the member cannot change them. */
export const VERIFIED_SOURCES: readonly AnswerSourceName[] = ["import", "sso"];

export const MAX_PROFILE_QUESTIONS = 30;
export const MAX_PROFILE_OPTIONS = 200;
export const OPTION_LABEL_MAX = 120;

export const QuestionKeySchema = storableText({ error: "Give the question a key" })
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "A key is 1 to 40 lower-case letters, digits or underscores, starting with a letter");

const label = (what: string, max: number) =>
  storableText({ error: `Write the ${what}` })
    .trim()
    .min(1, `Write the ${what}`)
    .max(max, `Use at most ${max} characters`);

const id = (what: string) =>
  z.coerce
    .number({ error: `Choose a ${what}` })
    .int(`Choose a ${what}`)
    .positive(`Choose a ${what}`)
    .max(2_147_483_647, `Choose a ${what}`);

export const ProfileQuestionSchema = z.object({
  /** Absent: a new question. */
  questionId: id("question").optional(),
  key: QuestionKeySchema,
  label: label("question", 200),
  hint: storableText().trim().max(500, "Use at most 500 characters").default(""),
  kind: z.enum(PROFILE_QUESTION_KINDS, { error: "Choose one choice or any number of choices" }),
  breakdown: z.boolean().default(false),
});
export type ProfileQuestionInput = z.input<typeof ProfileQuestionSchema>;

export const ProfileOptionSchema = z.object({
  questionId: id("question"),
  /** Absent: a new option; present: a rename (members who chose it keep their answer). */
  optionId: id("option").optional(),
  label: label("option", OPTION_LABEL_MAX),
});
export type ProfileOptionInput = z.input<typeof ProfileOptionSchema>;

export const ProfileQuestionMoveSchema = z.object({
  questionId: id("question"),
  direction: z.enum(["up", "down"], { error: "Move up or down" }),
});
export const ProfileQuestionRetireSchema = z.object({ questionId: id("question"), retired: z.boolean() });
export const ProfileOptionRetireSchema = z.object({ optionId: id("option"), retired: z.boolean() });
export const ProfileOptionDeleteSchema = z.object({ optionId: id("option") });

/** A member's answers by question key: one option label, or several for a multiple-choice question. */
export const MemberAnswersSchema = z
  .record(
    QuestionKeySchema,
    z.union([
      storableText().trim().max(OPTION_LABEL_MAX, "Choose from the list"),
      z.array(storableText().trim().max(OPTION_LABEL_MAX, "Choose from the list")).max(MAX_PROFILE_OPTIONS, "Choose from the list"),
    ]),
    { error: "Answers are given by question" },
  )
  .refine((answers) => Object.keys(answers).length <= MAX_PROFILE_QUESTIONS, "Too many answers");
export type MemberAnswersInput = z.input<typeof MemberAnswersSchema>;
