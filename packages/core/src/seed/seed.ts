import { readFile } from "node:fs/promises";
import { PLAN_SEED_PATH, type DB, type Kysely } from "@planpulse/db";
import { importPlan, importPlanIfNone, type ImportSummary } from "../plan/import-plan";
import { seedDemoAccounts } from "./demo-accounts";

export type SeedResult = { plan: ImportSummary | null; demoAccountsCreated: string[] };

export type SeedOptions = {
  demoPassword: string;
  nodeEnv: string | undefined;
  /**
   * "if-none" (start-up): the plan text is imported only into a database without a plan, so a
   * restart never changes what an admin edited. "always" (`pnpm db:seed`): the explicit re-import.
   */
  plan: "if-none" | "always";
  /** The plan text to import; the shipped seed plan when unset. */
  planPath?: string;
};

/** The plan from its text (see `plan`), then (outside production) the five demo accounts that are missing. */
export async function seedAll(db: Kysely<DB>, options: SeedOptions): Promise<SeedResult> {
  const text = await readFile(options.planPath ?? PLAN_SEED_PATH, "utf8");
  const plan = options.plan === "always" ? await importPlan(db, text) : await importPlanIfNone(db, text);
  const demo = await seedDemoAccounts(db, { password: options.demoPassword, nodeEnv: options.nodeEnv });
  return { plan, demoAccountsCreated: demo.created };
}
