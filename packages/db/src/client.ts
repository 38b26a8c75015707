import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { DatabaseBusyError } from "./database-errors";
import { lockDataDir } from "./locations";
import type { DB } from "./schema";

export type DriverName = "pglite" | "postgres";

export interface Database {
  db: Kysely<DB>;
  driver: DriverName;
  /** Where a listener connects (the live-events bus): the PostgreSQL URL, or the embedded instance. */
  url?: string;
  pglite?: PGlite;
  /** True when a trivial query answers within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export type CreateDbOptions =
  | {
      url: string;
      poolSize?: number;
      /** Server-side statement_timeout for every pooled connection; unset means none. */
      statementTimeoutMs?: number;
      /** How many queries may wait for a busy pool before new ones are shed with DatabaseBusyError. */
      maxQueue?: number;
      /** How long a query waits for a connection (queue plus connect) before failing. */
      connectTimeoutMs?: number;
      onPoolError?: (error: Error) => void;
      /** Shown in pg_stat_activity (which worker holds which connection). */
      applicationName?: string;
    }
  | { dataDir: string }
  | { pglite: PGlite };

// Both drivers read bigint (int8: counts, bigserial ids) and numeric as numbers (ids and counts fit
// comfortably in a JS number): pg would return strings, PGlite a BigInt above 2^53. The table types
// (schema*.ts, generated/db.ts) say number; every PGlite this package opens takes PGLITE_PARSERS.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));
export const PGLITE_PARSERS = { 20: (value: string) => Number.parseInt(value, 10), 1700: (value: string) => Number.parseFloat(value) };

export async function createDb(options: CreateDbOptions): Promise<Database> {
  if ("url" in options) return createPostgresDb(options);
  const unlock = "dataDir" in options ? lockDataDir(options.dataDir) : () => {};
  const pglite = "pglite" in options ? options.pglite : await openPglite(options.dataDir);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    driver: "pglite",
    pglite,
    ping: (timeoutMs) => ping(db, timeoutMs),
    close: async () => {
      await db.destroy();
      unlock();
    },
  };
}

async function openPglite(dataDir: string): Promise<PGlite> {
  mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, { parsers: PGLITE_PARSERS });
  await pglite.waitReady;
  return pglite;
}

function createPostgresDb(options: Extract<CreateDbOptions, { url: string }>): Database {
  const max = options.poolSize ?? 10;
  const maxQueue = options.maxQueue ?? Number.POSITIVE_INFINITY;
  const pool = new pg.Pool({
    connectionString: options.url,
    max,
    statement_timeout: options.statementTimeoutMs,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    keepAlive: true,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
  const report = options.onPoolError ?? ((error: Error) => console.warn(`[db] idle client error: ${error.message}`));
  // Without these listeners a PostgreSQL restart kills the whole process.
  pool.on("error", report);
  pool.on("connect", (client) => client.on("error", report));
  // pg.Pool queues without limit; past the bound we shed at once so an overload answers 503 quickly
  // instead of piling up requests that will time out anyway.
  const boundedPool = {
    connect: () => {
      if (pool.idleCount === 0 && pool.totalCount >= max && pool.waitingCount >= maxQueue) {
        return Promise.reject(new DatabaseBusyError(pool.waitingCount));
      }
      return pool.connect();
    },
    end: () => pool.end(),
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: boundedPool }) });
  return {
    db,
    driver: "postgres",
    url: options.url,
    ping: (timeoutMs) => ping(db, timeoutMs),
    close: () => db.destroy(),
  };
}

async function ping(db: Kysely<DB>, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export type DatabaseConfig = { url: string } | { dataDir: string };

/**
 * DATABASE_URL set: that PostgreSQL server. Unset: the embedded database under .data/.
 * A malformed value fails with a message naming the variable.
 */
export function resolveDatabaseConfig(env: { DATABASE_URL?: string; PGLITE_DATA_DIR?: string }, fallbackDataDir: string): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const problem = describeDatabaseUrlProblem(url);
    if (problem) throw new Error(`DATABASE_URL ${problem}. Unset DATABASE_URL to use the embedded database instead.`);
    return { url };
  }
  return { dataDir: env.PGLITE_DATA_DIR?.trim() || fallbackDataDir };
}

/** Validates a DATABASE_URL-style string, returning a human message when it is unusable. */
export function describeDatabaseUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a URL (expected postgres://user:password@host:5432/database)";
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    return `must start with postgres:// or postgresql:// (got ${parsed.protocol}//)`;
  }
  if (!parsed.hostname && !parsed.searchParams.get("host")) return "has no host name";
  if (parsed.pathname.length <= 1) return "has no database name (…/database at the end)";
  return null;
}
