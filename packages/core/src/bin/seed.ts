import { defaultDataDir, migrateToLatest, resolveDatabaseConfig, SEED_SET_NAMES, type SeedSetName } from "@planpulse/db";
import { DEFAULT_DEMO_PASSWORD, demoAccountsWanted } from "../seed/demo-accounts";
import { seedAll } from "../seed/seed";
import { PlanTextError } from "../plan/parse-plan-text";
import { commandLine } from "./command-line";
import { openDatabaseFromEnv } from "./open-database";

commandLine("Usage: pnpm db:seed\nMigrates, imports the plan text when it changed, and creates the demo accounts (never in production).", {});

const database = await openDatabaseFromEnv();
try {
  await migrateToLatest(database.db);
  const result = await seedAll(database.db, {
    demoPassword: process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    nodeEnv: process.env.NODE_ENV,
    plan: "always",
    seedSet: (SEED_SET_NAMES as readonly string[]).includes(process.env.PLAN_SEED ?? "") ? (process.env.PLAN_SEED as SeedSetName) : "ala",
    demoAccounts: demoAccountsWanted({
      nodeEnv: process.env.NODE_ENV,
      driver: "url" in resolveDatabaseConfig(process.env, defaultDataDir()) ? "postgres" : "pglite",
      demoAccounts: process.env.DEMO_ACCOUNTS,
    }),
  });
  const { created, updated } = result.plan!;
  console.log(
    result.plan!.changed
      ? `Plan imported (version ${result.plan!.version}): ${created.domains} domains and ${created.objectives} objectives created, ${updated.domains + updated.objectives} updated.`
      : `Plan unchanged (version ${result.plan!.version}).`,
  );
  if (result.demoAccountsCreated.length) console.log(`Demo accounts created: ${result.demoAccountsCreated.join(", ")}`);
} catch (error) {
  if (error instanceof PlanTextError) {
    console.error("The plan text has problems; nothing was imported:");
    for (const issue of error.issues) console.error(`  line ${issue.line}: ${issue.message}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exitCode = 1;
} finally {
  await database.close();
}
