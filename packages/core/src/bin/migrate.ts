import { migrateToLatest } from "@planpulse/db";
import { commandLine } from "./command-line";
import { openDatabaseFromEnv } from "./open-database";

commandLine("Usage: pnpm db:migrate\nApplies every pending migration to DATABASE_URL, or to the embedded database under .data/ when it is unset.", {});

const database = await openDatabaseFromEnv();
try {
  const result = await migrateToLatest(database.db);
  const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "The database is up to date.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
