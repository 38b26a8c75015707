import pg from "pg";

/** The advisory lock key the scheduled work of a deployment is held under ("planpulse" as 8 bytes). */
export const SCHEDULER_LOCK_KEY = 0x706c616e70756c73n;

export type SingleRunnerOptions = {
  url: string;
  /** Starts the work when this process becomes the holder; resolves to its stop function. */
  start: () => Promise<() => Promise<void>>;
  /** How often a process that is not the holder tries the lock again (and the holder checks its connection). */
  retryMs?: number;
  /** Shown in pg_stat_activity, so an operator (and the tests) can see which process holds the lock. */
  applicationName?: string;
  key?: bigint;
  log?: (message: string) => void;
};

export type SingleRunner = {
  /** True while this process holds the lock and its work runs. */
  holding(): boolean;
  stop(): Promise<void>;
};

/**
 * Runs `start()` in exactly one of the processes sharing a PostgreSQL database: the one holding a
 * session-level advisory lock on a connection of its own. The others try again every `retryMs`;
 * when the holder dies (or its connection drops) PostgreSQL releases the lock with the session and
 * another process takes it over within `retryMs`. A holder whose connection breaks stops its work
 * before it tries again, so two processes never run it at once for longer than the break takes to notice.
 */
export function runInOneProcess(options: SingleRunnerOptions): SingleRunner {
  const retryMs = options.retryMs ?? 3_000;
  const key = (options.key ?? SCHEDULER_LOCK_KEY).toString();
  const log = options.log ?? ((message: string) => console.log(message));
  let client: pg.Client | null = null;
  let stopWork: (() => Promise<void>) | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> = Promise.resolve();

  const release = async () => {
    const stop = stopWork;
    stopWork = null;
    if (stop) {
      log(`[scheduler] scheduled work stopped in this process (pid ${process.pid})`);
      await stop().catch((error: unknown) => console.warn(`[scheduler] stopping: ${describe(error)}`));
    }
  };
  const dropClient = async () => {
    const old = client;
    client = null;
    if (old) await old.end().catch(() => {});
  };

  const attempt = async () => {
    if (stopped) return;
    try {
      if (!client) {
        const fresh = new pg.Client({
          connectionString: options.url,
          application_name: options.applicationName,
          keepAlive: true,
          connectionTimeoutMillis: 5_000,
        });
        fresh.on("error", () => {
          // The session (and the lock with it) is gone: stop the work now, reconnect on the next tick.
          if (client !== fresh) return;
          client = null;
          void fresh.end().catch(() => {});
          busy = busy.then(release);
        });
        await fresh.connect();
        client = fresh;
      }
      if (stopWork) {
        // Still the holder: a cheap round trip notices a connection that died silently.
        await client.query("select 1");
        return;
      }
      const { rows } = await client.query<{ taken: boolean }>("select pg_try_advisory_lock($1::bigint) as taken", [key]);
      if (!rows[0]?.taken || stopped) return;
      log(`[scheduler] this process (pid ${process.pid}) holds the scheduler lock and runs the scheduled work`);
      stopWork = await options.start();
    } catch (error) {
      if (!stopped) console.warn(`[scheduler] lock attempt failed: ${describe(error)}`);
      await release();
      await dropClient();
    }
  };
  const tick = () => {
    busy = busy.then(attempt).finally(() => {
      if (!stopped) timer = setTimeout(tick, retryMs);
    });
  };
  tick();

  return {
    holding: () => stopWork !== null,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await busy.catch(() => {});
      await release();
      // Closing the session releases the lock at once, so another process takes over on its next try.
      await dropClient();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
