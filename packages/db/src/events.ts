import pg from "pg";
import type { Database } from "./client";

/** The one channel every watched write announces itself on (migration 0075, decision 023). */
export const LIVE_CHANNEL = "planpulse_live";

/** What a watched write touched: the kinds the migration's triggers announce. */
export const LIVE_KINDS = ["votes", "stances", "priorities", "comments", "flags", "progress", "plan", "organisation", "insight"] as const;
/** The listening connection's application_name (pg_stat_activity shows it). */
export const LIVE_APPLICATION_NAME = "planpulse-live";
export type LiveKind = (typeof LIVE_KINDS)[number];

export interface LiveTables {
  live_content_version: { id: number; version: number };
}

/** One committed write: the content version it made, its kind, and the objectives it touched (null: any). */
export type LiveChange = { version: number; kind: LiveKind; objectiveIds: number[] | null };

export type LiveListener = {
  onChange(change: LiveChange): void;
  /**
   * The listening connection was lost and is back: changes may have been missed, so everything a
   * listener derived from them (a cache, the counts on open pages) must be refreshed.
   */
  onResync(): void;
};

export interface LiveBus {
  subscribe(listener: LiveListener): () => void;
  /** True while the listening connection is up. */
  readonly listening: boolean;
  /** The highest content version seen (from a change or read on (re)connect). */
  readonly version: number;
  /**
   * Resolves true once every change committed before the call has been delivered to the listeners:
   * it reads the current content version and waits for the notifications up to it (versions are
   * bumped under one row lock, so they arrive in order). False when that cannot be known (not
   * listening, the read failed, or CAUGHT_UP_TIMEOUT_MS passed): the caller must assume anything changed.
   */
  caughtUp(): Promise<boolean>;
  close(): Promise<void>;
}

/** How long caughtUp() waits for the notifications it knows are due before giving up on them. */
export const CAUGHT_UP_TIMEOUT_MS = 5_000;

/**
 * The waiting side of caughtUp(): `read` gives the database's current content version; calls made
 * in the same tick share one read (it is sent after all of them, so after their commits).
 */
function caughtUpTracker(read: () => Promise<number>, current: () => number) {
  type Waiter = { version: number; resolve: (ok: boolean) => void; timer: NodeJS.Timeout };
  const waiters = new Set<Waiter>();
  let shared: Promise<number> | null = null;
  const readOnce = () => {
    shared ??= new Promise<number>((resolve, reject) => {
      setImmediate(() => {
        shared = null;
        read().then(resolve, reject);
      });
    });
    return shared;
  };
  return {
    async caughtUp(): Promise<boolean> {
      let due: number;
      try {
        due = await readOnce();
      } catch {
        return false;
      }
      if (current() >= due) return true;
      return new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          version: due,
          resolve,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            resolve(false);
          }, CAUGHT_UP_TIMEOUT_MS),
        };
        waiter.timer.unref();
        waiters.add(waiter);
      });
    },
    /** After a change has reached every listener. */
    delivered(): void {
      for (const waiter of waiters) {
        if (current() < waiter.version) continue;
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(true);
      }
    },
    /** Lost or resynced: nobody can say what was missed. */
    abandon(): void {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.resolve(false);
      }
      waiters.clear();
    },
  };
}

/** Parses one notification; anything malformed (a stray pg_notify on our channel) is ignored. */
export function parseLiveChange(payload: string | undefined): LiveChange | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as { v?: unknown; k?: unknown; o?: unknown };
    if (typeof value.v !== "number" || !LIVE_KINDS.includes(value.k as LiveKind)) return null;
    const ids = Array.isArray(value.o) ? value.o.filter((id): id is number => Number.isInteger(id)) : null;
    return { version: value.v, kind: value.k as LiveKind, objectiveIds: ids };
  } catch {
    return null;
  }
}

const VERSION_SQL = "select version from live_content_version where id = 1";

export type LiveBusOptions = {
  /** First wait before reconnecting after the connection is lost; doubles up to maxReconnectDelayMs. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  log?: (message: string) => void;
};

/**
 * The process's one listener for LIVE_CHANNEL. On PostgreSQL a dedicated connection (outside the
 * pool, so it never holds a request's connection) that reconnects with backoff and tells listeners
 * to resync when it comes back; on the embedded database PGlite's own LISTEN (one process by nature).
 */
export async function createLiveBus(database: Pick<Database, "url" | "pglite">, options: LiveBusOptions = {}): Promise<LiveBus> {
  const listeners = new Set<LiveListener>();
  let version = 0;
  let listening = false;
  let readVersion: () => Promise<number> = () => Promise.reject(new Error("not listening"));
  const tracker = caughtUpTracker(
    () => readVersion(),
    () => version,
  );
  const deliver = (payload: string | undefined) => {
    const change = parseLiveChange(payload);
    if (!change) return;
    if (change.version > version) version = change.version;
    for (const listener of listeners) listener.onChange(change);
    tracker.delivered();
  };
  const resync = () => {
    for (const listener of listeners) listener.onResync();
    tracker.abandon();
  };
  const subscribe = (listener: LiveListener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  if (database.pglite) {
    const pglite = database.pglite;
    const unlisten = await pglite.listen(LIVE_CHANNEL, deliver);
    readVersion = async () => Number((await pglite.query<{ version: number }>(VERSION_SQL)).rows[0]?.version ?? 0);
    version = await readVersion();
    listening = true;
    return {
      subscribe,
      get listening() {
        return listening;
      },
      get version() {
        return version;
      },
      caughtUp: () => (listening ? tracker.caughtUp() : Promise.resolve(false)),
      close: async () => {
        listening = false;
        listeners.clear();
        tracker.abandon();
        await unlisten().catch(() => {});
      },
    };
  }

  const url = database.url;
  if (!url) throw new Error("createLiveBus needs a PostgreSQL URL or a PGlite instance");
  const log = options.log ?? ((message: string) => console.warn(`[live] ${message}`));
  const firstDelay = options.reconnectDelayMs ?? 250;
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  let client: pg.Client | null = null;
  let closed = false;
  let delay = firstDelay;
  let timer: NodeJS.Timeout | undefined;
  let everConnected = false;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5_000, application_name: LIVE_APPLICATION_NAME });
    let lost = false;
    const onLost = (reason: string) => {
      if (lost) return;
      lost = true;
      listening = false;
      if (client === next) client = null;
      tracker.abandon();
      next.removeAllListeners("notification");
      next.end().catch(() => {});
      if (!closed) {
        log(`listening connection lost (${reason}); reconnecting`);
        schedule();
      }
    };
    // Without an error listener a PostgreSQL restart would take the whole process down.
    next.on("error", (error) => onLost(error.message));
    next.on("end", () => onLost("connection ended"));
    next.on("notification", (message) => {
      if (message.channel === LIVE_CHANNEL) deliver(message.payload);
    });
    try {
      await next.connect();
      await next.query(`listen ${LIVE_CHANNEL}`);
      const read = await next.query<{ version: string | number }>(VERSION_SQL);
      const current = Number(read.rows[0]?.version ?? 0);
      if (current > version) version = current;
    } catch (error) {
      if (!everConnected) {
        // The first connection is the caller's to report (start-up fails with its reason).
        closed = true;
        await next.end().catch(() => {});
        throw error;
      }
      onLost(error instanceof Error ? error.message : String(error));
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    listening = true;
    delay = firstDelay;
    // Read on the listening connection itself: its notifications come in order with the answer.
    readVersion = async () => Number((await next.query<{ version: string | number }>(VERSION_SQL)).rows[0]?.version ?? 0);
    // Anything committed while nobody listened is unknown: listeners start again from the database.
    if (everConnected) resync();
    everConnected = true;
  };
  const schedule = () => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch(() => {});
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, maxDelay);
  };

  await connect();
  return {
    subscribe,
    get listening() {
      return listening;
    },
    get version() {
      return version;
    },
    caughtUp: () => (listening ? tracker.caughtUp() : Promise.resolve(false)),
    close: async () => {
      closed = true;
      listening = false;
      listeners.clear();
      tracker.abandon();
      clearTimeout(timer);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners("end");
        await current.end().catch(() => {});
      }
    },
  };
}
