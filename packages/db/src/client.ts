import { createHash } from "node:crypto";
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
      /** Named prepared statements (default on); off behind a pooler that cannot keep them (decision 027). */
      preparedStatements?: boolean;
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
      return options.preparedStatements === false ? pool.connect() : pool.connect().then(preparedStatements);
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

/**
 * A connection keeps at most this many statements prepared (each holds its parse tree and plans in
 * the PostgreSQL backend, tens of KB); past it, new texts are sent unnamed.
 */
export const MAX_PREPARED_PER_CONNECTION = 200;
const PREPARED = Symbol("planpulse.prepared");
const STALE_PLAN = "0A000";

type PreparedState = { names: Set<string>; discard: boolean };
type PooledClient = pg.PoolClient & { [PREPARED]?: PreparedState };

/**
 * Runs the app's parameterised statements as named prepared statements (decision 027): PostgreSQL
 * plans an unnamed statement on every execution, and the objective page's statements spent more time
 * being planned than run. The name is a hash of the text, so one text is one statement per
 * connection. A statement prepared before a schema change fails once with "cached plan must not
 * change result type": it is then sent again unnamed (which succeeds outside a transaction), and the
 * connection is discarded on release rather than reused with the stale statement.
 */
function preparedStatements(client: PooledClient): pg.PoolClient {
  const state = client[PREPARED] ?? sendNamed(client);
  // The pool gives every checkout a new release function: wrap each one. Kysely passes `false` for a
  // connection it keeps: the stale flag still wins.
  const release = client.release.bind(client);
  client.release = (error?: Error | boolean) => release(error || state.discard);
  return client;
}

/** Once per connection: its query method sends parameterised statements named. */
function sendNamed(client: PooledClient): PreparedState {
  const state: PreparedState = { names: new Set(), discard: false };
  client[PREPARED] = state;
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text !== "string" || !Array.isArray(values) || values.length === 0 || rest.length > 0) return query(text, values, ...rest);
    const name = `pp_${createHash("sha1").update(text).digest("base64url")}`;
    if (!state.names.has(name)) {
      if (state.names.size >= MAX_PREPARED_PER_CONNECTION) return query(text, values);
      state.names.add(name);
    }
    return query({ name, text, values }).catch((error: unknown) => {
      const { code, message } = error as { code?: string; message?: string };
      if (code !== STALE_PLAN || !/cached plan must not change result type/.test(message ?? "")) throw error;
      state.discard = true;
      return query(text, values).catch(() => {
        throw error;
      });
    });
  };
  return state;
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
