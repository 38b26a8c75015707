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

/** The command's arguments; `pnpm <script> -- --flag` passes the separator through, so a leading "--" is dropped. */
export function cliArgs(argv: readonly string[] = process.argv.slice(2)): string[] {
  return argv[0] === "--" ? argv.slice(1) : [...argv];
}
