import type { ColumnType, Generated, Selectable } from "kysely";

/** single: one option (or none); multiple: any number of options. */
export const PROFILE_QUESTION_KINDS = ["single", "multiple"] as const;
export type ProfileQuestionKind = (typeof PROFILE_QUESTION_KINDS)[number];
/** Where an answer came from: the member (editable by them), or a verified import / single sign-on. */
export const ANSWER_SOURCES = ["self", "import", "sso"] as const;
export type AnswerSource = (typeof ANSWER_SOURCES)[number];

export interface ProfileQuestionsTable {
  id: Generated<number>;
  /** Stable key (URL, CSV, SSO claim mapping): lower-case letters, digits and underscores. */
  key: string;
  label: string;
  hint: ColumnType<string, string | undefined, string>;
  kind: ProfileQuestionKind;
  position: number;
  /** Leadership may break dashboard figures down by this question. */
  breakdown: ColumnType<boolean, boolean | undefined, boolean>;
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProfileOptionsTable {
  id: Generated<number>;
  question_id: number;
  label: string;
  position: number;
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MemberAnswersTable {
  user_id: number;
  question_id: number;
  option_id: number;
  source: ColumnType<AnswerSource, AnswerSource | undefined, AnswerSource>;
  created_at: Generated<Date>;
}

export interface SegmentTables {
  profile_questions: ProfileQuestionsTable;
  profile_options: ProfileOptionsTable;
  member_answers: MemberAnswersTable;
}

export type ProfileQuestion = Selectable<ProfileQuestionsTable>;
export type ProfileOption = Selectable<ProfileOptionsTable>;
export type MemberAnswer = Selectable<MemberAnswersTable>;
