import { readFile } from "node:fs/promises";
import { PLAN_SEED_PATH, type DB, type Kysely } from "@planpulse/db";
import { importPlan, type ImportSummary } from "../plan/import-plan";
import { seedDemoAccounts } from "./demo-accounts";

export type SeedResult = { plan: ImportSummary; demoAccountsCreated: string[] };

/**
 * The plan from the shipped text, then (outside production) the five demo accounts; `demoAccounts:
 * false` leaves them out (start-up decides with demoAccountsWanted).
 */
export async function seedAll(db: Kysely<DB>, options: { demoPassword: string; nodeEnv: string | undefined; demoAccounts?: boolean }): Promise<SeedResult> {
  const text = await readFile(PLAN_SEED_PATH, "utf8");
  const plan = await importPlan(db, text);
  const demo = options.demoAccounts === false ? { created: [] } : await seedDemoAccounts(db, { password: options.demoPassword, nodeEnv: options.nodeEnv });
  return { plan, demoAccountsCreated: demo.created };
}
