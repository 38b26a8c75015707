import type { DB, Kysely } from "@planpulse/db";
import { seedProfileQuestionsIfNone, type ProfileQuestionDefinition } from "./profile-questions";

/** Small question set for tests (not shipped as seed data). */
export const TEST_QUESTIONS: ProfileQuestionDefinition[] = [
  { key: "member_type", label: "Member type", kind: "single", breakdown: true, options: ["Personal", "Student", "Retired"] },
  { key: "career_stage", label: "Career stage", kind: "single", breakdown: true, options: ["Early career", "Mid career"] },
  { key: "library_type", label: "Library type", kind: "single", breakdown: true, options: ["Academic", "Public", "School"] },
  { key: "division", label: "Divisions", kind: "multiple", breakdown: true, options: ["ACRL", "PLA", "YALSA"] },
  { key: "round_table", label: "Round tables", kind: "multiple", breakdown: true, options: ["SRRT"] },
  { key: "region", label: "Region", kind: "single", breakdown: false, options: ["North", "South"] },
];

export function seedTestQuestions(db: Kysely<DB>) {
  return seedProfileQuestionsIfNone(db, TEST_QUESTIONS);
}
