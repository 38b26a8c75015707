import { createTestDatabase } from "@planpulse/db/testing";
import { runThreadBench } from "../comments/bench-thread";

const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
// The scratch database is created on that server (never the database the URL names) and dropped after.
if (url) process.env.TEST_DATABASE_URL = url;
await runThreadBench({ createPostgres: url ? () => createTestDatabase("postgres") : undefined });
