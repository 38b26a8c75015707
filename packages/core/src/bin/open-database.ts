import { createDb, defaultDataDir, resolveDatabaseConfig, type Database } from "@planpulse/db";

/** The command-line tools' database: DATABASE_URL, or the embedded one under .data/. */
export async function openDatabaseFromEnv(): Promise<Database> {
  try {
    return await createDb(resolveDatabaseConfig(process.env, defaultDataDir()));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
