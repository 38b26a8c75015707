import { migrateToLatest } from "@planpulse/db";
import { DEFAULT_DEMO_PASSWORD } from "../seed/demo-accounts";
import { seedAll } from "../seed/seed";
import { PlanTextError } from "../plan/parse-plan-text";
import { openDatabaseFromEnv } from "./open-database";

const database = await openDatabaseFromEnv();
try {
  await migrateToLatest(database.db);
  const result = await seedAll(database.db, {
    demoPassword: process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    nodeEnv: process.env.NODE_ENV,
    plan: "always",
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
