import type { Server } from "node:http";
import { configureMailer, seedAll, startInsightRefresher, startMailWorker } from "@planpulse/core";
import { createDb, defaultDataDir, migrateToLatest, resolveDatabaseConfig, sql, type Database } from "@planpulse/db";
import { appDirectory, createAppHandler, listen, type AppName } from "./app-server";
import { readEnv } from "./env";

const started = performance.now();
const dev = process.argv.includes("--dev");

async function main() {
  const env = readEnv();
  configureMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  const config = resolveDatabaseConfig(env, defaultDataDir());
  console.log("url" in config ? "Database: PostgreSQL (DATABASE_URL)" : `Database: embedded PGlite at ${config.dataDir}`);
  // Migrations and seeding may legitimately run longer than a request's statement timeout, so on
  // PostgreSQL they use their own short-lived connection without one.
  const setupDatabase: Database = "url" in config ? await createDb({ url: config.url, poolSize: 2 }) : await createDb(config);
  if ("url" in config) await ensureReachable(setupDatabase, config.url);
  await migrateToLatest(setupDatabase.db);
  const seeded = await seedAll(setupDatabase.db, { demoPassword: env.DEMO_PASSWORD, nodeEnv: env.NODE_ENV });
  if (seeded.plan.changed) console.log(`Plan imported: version ${seeded.plan.version}.`);
  if (seeded.demoAccountsCreated.length > 0) {
    console.log(`Demo accounts created (password "${env.DEMO_PASSWORD}"): ${seeded.demoAccountsCreated.join(", ")}`);
  }

  let database: Database = setupDatabase;
  if ("url" in config) {
    await setupDatabase.close();
    database = await createDb({
      url: config.url,
      poolSize: env.DB_POOL_SIZE,
      maxQueue: env.DB_POOL_QUEUE,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS || undefined,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    });
  }

  const apps: Array<{ app: AppName; port: number }> = [
    { app: "portal", port: env.portalPort },
    { app: "admin", port: env.ADMIN_PORT },
  ];
  const servers: Server[] = [];
  const closers: Array<() => Promise<void>> = [];
  for (const [index, { app, port }] of apps.entries()) {
    let vite;
    if (dev) {
      const { createServer } = await import("vite");
      vite = await createServer({
        root: appDirectory(app),
        configFile: `${appDirectory(app)}/vite.config.ts`,
        server: { middlewareMode: true, hmr: { port: 24_678 + index } },
      });
      closers.push(() => vite!.close());
    }
    const handler = await createAppHandler({
      app,
      database,
      production: env.NODE_ENV === "production",
      trustProxy: env.TRUST_PROXY === "1",
      benchControl: env.BENCH_CONTROL === "1",
      admission: { concurrency: env.REQUEST_CONCURRENCY, maxQueue: env.REQUEST_QUEUE },
      vite,
    });
    servers.push(await listen(handler, port, env.HOST));
  }

  // Dashboard rollups stay within a minute of the truth; on PostgreSQL the rebuild has its own
  // connection so a long rebuild never counts against the requests' statement timeout or pool.
  const insightDatabase: Database = "url" in config ? await createDb({ url: config.url, poolSize: 1 }) : database;
  const stopInsight = startInsightRefresher(insightDatabase.db, { intervalMs: 30_000 });
  closers.push(async () => {
    await stopInsight();
    if (insightDatabase !== database) await insightDatabase.close();
  });

  // Outgoing mail: a pg-boss worker on the mail queue (SMTP_URL, or kept in the outbox without it).
  const mailWorker = await startMailWorker(database.db);
  closers.push(() => mailWorker.stop());
  console.log(env.SMTP_URL ? "Mail: sent through SMTP_URL" : "Mail: no SMTP_URL, messages are kept in the admin outbox");

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Portal: http://localhost:${env.portalPort}   Admin: http://localhost:${env.ADMIN_PORT}   (ready in ${seconds} s)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await Promise.all(closers.map((close) => close()));
    await database.close();
    process.exit(0);
  };
  // A stray rejection (a client dropping mid-restart, say) is logged; it must not take every member's
  // requests down with it.
  process.on("unhandledRejection", (reason) => console.warn("[host] unhandled rejection:", reason));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function ensureReachable(database: Database, url: string) {
  try {
    await sql`select 1`.execute(database.db);
  } catch (error) {
    const { hostname, port, pathname } = new URL(url);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `the PostgreSQL server named by DATABASE_URL (${hostname}:${port || 5432}${pathname}) did not answer: ${reason}. ` +
        "Is it running, and does the database exist? Unset DATABASE_URL to use the embedded database instead.",
    );
  }
}

main().catch((error: unknown) => {
  console.error(`Plan Pulse could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
