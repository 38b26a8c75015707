import { DEFAULT_DEMO_PASSWORD, demoAccountsWanted, recountObjectiveCounters, refreshInsightRollups, seedAll } from "@planpulse/core";
import { commandLine, createProgressBar, openDatabaseFromEnv } from "@planpulse/core/cli";
import { sql, migrateToLatest, resolveDatabaseConfig, defaultDataDir } from "@planpulse/db";
import { seedSynthetic } from "./synthetic/seed-synthetic";
import { kyselySink, postgresSink, type RowSink } from "./synthetic/sinks";

const USAGE = "Usage: pnpm db:seed:synthetic [--members 2000] [--votes 20000] [--comments 4000] [--seed 1]";

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 0 || n > 50_000_000) {
    console.error(`--${name} must be a whole number between 0 and 50,000,000 (got "${value}").\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

if (process.env.NODE_ENV === "production") {
  console.error("Refusing to add synthetic members to a production database (NODE_ENV=production).");
  process.exit(1);
}
const values = commandLine(USAGE, { members: { type: "string" }, votes: { type: "string" }, comments: { type: "string" }, seed: { type: "string" } });
const options = {
  members: count(values.members, 2_000, "members"),
  votes: count(values.votes, 20_000, "votes"),
  comments: count(values.comments, 4_000, "comments"),
  seed: count(values.seed, 1, "seed"),
};
if (options.members === 0) {
  console.error(`--members must be at least 1.\n${USAGE}`);
  process.exit(2);
}

const database = await openDatabaseFromEnv();
const config = resolveDatabaseConfig(process.env, defaultDataDir());
let sink: RowSink | undefined;
try {
  await migrateToLatest(database.db);
  await seedAll(database.db, {
    demoPassword: process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    nodeEnv: process.env.NODE_ENV,
    plan: "if-none",
    demoAccounts: demoAccountsWanted({
      nodeEnv: process.env.NODE_ENV,
      driver: "url" in config ? "postgres" : "pglite",
      demoAccounts: process.env.DEMO_ACCOUNTS,
    }),
  });
  // Unique votes need members × objectives ≥ votes; grow the membership (keeping about 45% coverage) if not.
  const objectiveCount = Number(
    (await sql<{ n: number }>`select count(*)::int as n from objectives where retired_at is null`.execute(database.db)).rows[0]?.n ?? 0,
  );
  const needed = objectiveCount > 0 ? Math.ceil(options.votes / (objectiveCount * 0.45)) : 0;
  if (options.members * objectiveCount < options.votes && needed > options.members) {
    console.log(
      `${options.votes.toLocaleString("en-US")} unique votes over ${objectiveCount} objectives need more than ${options.members.toLocaleString("en-US")} members: using ${needed.toLocaleString("en-US")}.`,
    );
    options.members = needed;
  }
  const postgres = "url" in config ? await postgresSink(config.url, { skipTriggers: true }) : null;
  sink = postgres ?? kyselySink(database.db);
  console.log(
    `Synthetic data into ${postgres ? `PostgreSQL (COPY${postgres.triggersSkipped ? ", row triggers off, recounted after" : ""})` : "the embedded database (batched inserts)"}: ${JSON.stringify(options)}`,
  );
  const started = performance.now();
  const summary = await seedSynthetic(sink, options, createProgressBar);
  console.log(`Written in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
  let mark = performance.now();
  if (postgres?.triggersSkipped) {
    await recountObjectiveCounters(database.db);
    console.log(`Objective counters recounted in ${((performance.now() - mark) / 1000).toFixed(1)} s.`);
    mark = performance.now();
  }
  if (postgres) await sink.query("analyze");
  console.log(`Analyzed in ${((performance.now() - mark) / 1000).toFixed(1)} s.`);
  const refresh = await refreshInsightRollups(database.db, { force: true, full: true });
  console.log(`Dashboard rollups built in ${(refresh.ms / 1000).toFixed(1)} s. Total ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await sink?.close();
  await database.close();
}
