import { readFile } from "node:fs/promises";
import { SEED_SETS, type DB, type Kysely, type SeedSetName } from "@planpulse/db";
import { importPlan, importPlanIfNone, type ImportSummary } from "../plan/import-plan";
import { seedProfileQuestionsIfNone, type ProfileQuestionDefinition } from "../segments/profile-questions";
import { seedOrganisationIfNone, type OrganisationSeed } from "../organisation/organisation-settings";
import { seedDemoAccounts } from "./demo-accounts";

export type SeedResult = { plan: ImportSummary | null; profileQuestions: number; demoAccountsCreated: string[] };

export type SeedOptions = {
  demoPassword: string;
  nodeEnv: string | undefined;
  /**
   * "if-none" (start-up): the plan text is imported only into a database without a plan, so a
   * restart never changes what an admin edited. "always" (`pnpm db:seed`): the explicit re-import.
   */
  plan?: "if-none" | "always";
  /** Which shipped plan and profile questions (PLAN_SEED); "ala" when unset. */
  seedSet?: SeedSetName;
  /** false leaves the demo accounts out (start-up decides with demoAccountsWanted). */
  demoAccounts?: boolean;
};

/**
 * The plan from its text (see `plan`), the profile questions when the association has none yet,
 * then (outside production) the five demo accounts that are missing.
 */
export async function seedAll(db: Kysely<DB>, options: SeedOptions): Promise<SeedResult> {
  const set = SEED_SETS[options.seedSet ?? "ala"];
  const text = await readFile(set.plan, "utf8");
  const plan = options.plan === "always" ? await importPlan(db, text) : await importPlanIfNone(db, text);
  const questions = JSON.parse(await readFile(set.questions, "utf8")) as ProfileQuestionDefinition[];
  const profileQuestions = await seedProfileQuestionsIfNone(db, questions);
  await seedOrganisationIfNone(db, JSON.parse(await readFile(set.organisation, "utf8")) as OrganisationSeed);
  const demo = options.demoAccounts === false ? { created: [] } : await seedDemoAccounts(db, { password: options.demoPassword, nodeEnv: options.nodeEnv });
  return { plan, profileQuestions, demoAccountsCreated: demo.created };
}
