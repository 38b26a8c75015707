import { commandLine } from "@planpulse/core/cli";
import { createTestDatabase } from "@planpulse/db/testing";
import { runThreadBench } from "./thread-bench";

commandLine(
  "Usage: pnpm bench:thread\nObjective-page query time with 10 and with 5,000 comments, on a scratch database (TEST_DATABASE_URL or DATABASE_URL names the PostgreSQL server; PGlite otherwise).",
  {},
);

const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
// The scratch database is created on that server (never the database the URL names) and dropped after.
if (url) process.env.TEST_DATABASE_URL = url;
await runThreadBench({ createPostgres: url ? () => createTestDatabase("postgres") : undefined });
