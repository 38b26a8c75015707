import { migrateToLatest } from "@planpulse/db";
import { DEFAULT_DEMO_PASSWORD, lockDemoAccounts } from "../seed/demo-accounts";
import { commandLine } from "./command-line";
import { openDatabaseFromEnv } from "./open-database";

// pnpm db:demo-accounts:lock — the demo accounts still on a demo password get an unguessable one and
// lose their sessions, so a production start (NODE_ENV=production) accepts the database.
commandLine(
  "Usage: pnpm db:demo-accounts:lock\nGives every demo account still on a demo password an unguessable one and ends its sessions (DATABASE_URL, or the embedded database).",
  {},
);
const database = await openDatabaseFromEnv();
try {
  await migrateToLatest(database.db);
  const locked = await lockDemoAccounts(database.db, process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
  console.log(locked.length ? `Locked (demo password removed, sessions ended): ${locked.join(", ")}` : "No account is on the demo password.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
