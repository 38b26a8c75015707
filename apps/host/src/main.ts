import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { OidcClient } from "@planpulse/api";
import {
  configureMailer,
  configureMemberInvitations,
  configureNotificationMail,
  configurePasswordSignIn,
  demoAccountsWanted,
  findAccountsOnDemoPassword,
  seedAll,
} from "@planpulse/core";
import { createDb, defaultDataDir, findWorkspaceRoot, migrateToLatest, resolveDatabaseConfig, sql, type Database, type DatabaseConfig } from "@planpulse/db";
import { createAppHandler, listen, type AppName } from "./app-server";
import { drain, isForkedWorker, runPrimary, workerCount } from "./cluster";
import { startLive } from "./live";
import { startScheduledWorkInOneProcess } from "./scheduled-work";
import { createViteDevServer, withDevHooks } from "./dev-server";
import { readEnv, runLibrariesInProductionMode, type HostEnv } from "./env";

const started = performance.now();
const dev = process.argv.includes("--dev");

async function main() {
  // A .env at the repository root is read when present; variables already set win over it.
  const envFile = join(findWorkspaceRoot(), ".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const env = readEnv();
  configureMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  configureNotificationMail({
    portalOrigin: env.PORTAL_ORIGIN ?? `http://localhost:${env.portalPort}`,
    adminOrigin: env.ADMIN_ORIGIN ?? `http://localhost:${env.ADMIN_PORT}`,
    coalesceSeconds: env.NOTIFY_COALESCE_SECONDS,
    linkSecret: env.MAIL_LINK_SECRET,
  });
  configurePasswordSignIn({ adminsOnly: env.oidc?.oidcOnly ?? false });
  configureMemberInvitations({
    portalOrigin: env.PORTAL_ORIGIN,
    portalPort: env.portalPort,
    adminPort: env.ADMIN_PORT,
    ssoLabel: env.oidc?.buttonLabel ?? null,
  });
  // One client for both apps; discovery is lazy, so a provider that is down never stops start-up.
  const oidcClient = env.oidc ? new OidcClient(env.oidc) : null;
  if (env.oidc && !isForkedWorker()) console.log(`Single sign-on: ${env.oidc.issuer}${env.oidc.oidcOnly ? " (password sign-in for admins only)" : ""}`);
  const config = resolveDatabaseConfig(env, defaultDataDir());
  const forked = isForkedWorker();
  const workers = workerCount({ driver: "url" in config ? "postgres" : "pglite", webConcurrency: env.WEB_CONCURRENCY, dev });
  // Before the apps' builds (and React with them) are loaded. Not in a primary that forks: its
  // workers inherit its environment and must read NODE_ENV as launched (a deployment or not).
  if (!dev && (forked || workers === 1)) runLibrariesInProductionMode();
  // Migrations and seeding run once, in the primary, before any worker is forked.
  const setupDatabase = forked ? null : await prepareDatabase(env, config);
  if (setupDatabase && workers > 1) {
    await setupDatabase.close();
    runPrimary(workers);
    return;
  }

  let database: Database = setupDatabase!;
  if ("url" in config) {
    await setupDatabase?.close();
    // Pool and admission limits are per worker: WEB_CONCURRENCY × DB_POOL_SIZE connections in all.
    database = await createDb({
      url: config.url,
      poolSize: env.DB_POOL_SIZE,
      maxQueue: env.DB_POOL_QUEUE,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS || undefined,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      applicationName: `planpulse-host:${process.pid}`,
      preparedStatements: env.DB_PREPARED_STATEMENTS === "1",
    });
  }

  const apps: Array<{ app: AppName; port: number; origin: string | undefined }> = [
    { app: "portal", port: env.portalPort, origin: env.PORTAL_ORIGIN },
    { app: "admin", port: env.ADMIN_PORT, origin: env.ADMIN_ORIGIN },
  ];
  const servers: Server[] = [];
  const closers: Array<() => Promise<void>> = [];
  // One event bus (its own listening connection), one set of live streams and one visitors' cache per process.
  const live = await startLive(database, { maxConnections: env.LIVE_MAX_CONNECTIONS, cacheEntries: dev ? 0 : env.VISITOR_CACHE_ENTRIES });
  closers.push(live.close);
  for (const { app, port, origin } of apps) {
    const server = createServer();
    const vite = dev ? await createViteDevServer(app, server) : undefined;
    if (vite) closers.push(() => vite.close());
    const handler = await createAppHandler({
      app,
      database,
      production: env.NODE_ENV === "production",
      trustProxy: env.TRUST_PROXY,
      benchControl: env.BENCH_CONTROL === "1",
      oidc: oidcClient ? { client: oidcClient, origin: origin ?? null } : undefined,
      admission: { concurrency: env.REQUEST_CONCURRENCY, maxQueue: env.REQUEST_QUEUE },
      live,
      vite,
    });
    servers.push(await listen(vite ? withDevHooks(app, handler) : handler, port, env.HOST, server));
  }

  // The insight refresher and the mail worker: in one process only (scheduled-work.ts).
  closers.push(await startScheduledWorkInOneProcess(database, config));
  if (!forked) console.log(env.SMTP_URL ? "Mail: sent through SMTP_URL" : "Mail: no SMTP_URL, messages are kept in the admin outbox");

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const who = forked ? `worker ${process.pid} ` : "";
  console.log(`Portal: http://localhost:${env.portalPort}   Admin: http://localhost:${env.ADMIN_PORT}   (${who}ready in ${seconds} s)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Open event streams would keep the servers from closing: end them first (pages reconnect elsewhere).
    live.hub.close();
    // Stop accepting, let in-flight requests finish, then stop the scheduled work and the pool.
    await drain(servers);
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

/** Migrates and seeds (once per start, before any worker exists); returns the connection it used. */
async function prepareDatabase(env: HostEnv, config: DatabaseConfig): Promise<Database> {
  console.log("url" in config ? "Database: PostgreSQL (DATABASE_URL)" : `Database: embedded PGlite at ${config.dataDir}`);
  // Migrations and seeding may legitimately run longer than a request's statement timeout, so on
  // PostgreSQL they use their own short-lived connection without one.
  const setupDatabase: Database = "url" in config ? await createDb({ url: config.url, poolSize: 2 }) : await createDb(config);
  if ("url" in config) await ensureReachable(setupDatabase, config.url);
  await migrateToLatest(setupDatabase.db);
  // Start-up imports the seed plan only into an empty database; `pnpm db:seed` re-imports on purpose.
  const demoAccounts = demoAccountsWanted({ nodeEnv: env.NODE_ENV, driver: "url" in config ? "postgres" : "pglite", demoAccounts: env.DEMO_ACCOUNTS });
  const seeded = await seedAll(setupDatabase.db, {
    demoPassword: env.DEMO_PASSWORD,
    nodeEnv: env.NODE_ENV,
    demoAccounts,
    plan: "if-none",
    seedSet: env.PLAN_SEED,
  });
  if (seeded.plan) console.log(`Seed plan imported into the empty database: version ${seeded.plan.version}.`);
  if (seeded.demoAccountsCreated.length > 0) {
    console.log(`Demo accounts created (password "${env.DEMO_PASSWORD}"): ${seeded.demoAccountsCreated.join(", ")}`);
  }

  if (env.NODE_ENV === "production") {
    const open = await findAccountsOnDemoPassword(setupDatabase.db, env.DEMO_PASSWORD);
    if (open.length > 0) {
      await setupDatabase.close();
      throw new Error(
        `NODE_ENV=production, but ${open.join(", ")} still ${open.length === 1 ? "has" : "have"} the demo password, which is public. ` +
          "Run `pnpm db:demo-accounts:lock` (same DATABASE_URL) to lock them, or give them new passwords, then start again. " +
          "For a local trial, start without NODE_ENV=production.",
      );
    }
  }
  return setupDatabase;
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
