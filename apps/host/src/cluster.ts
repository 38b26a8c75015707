import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import type { Server } from "node:http";

/**
 * How many worker processes serve the apps. On PostgreSQL: WEB_CONCURRENCY, else one per core. On
 * the embedded database always one: PGlite is a database inside this process (one data directory,
 * locked by the process that opened it), so a second process could not open it at all.
 */
export function workerCount(options: { driver: "pglite" | "postgres"; webConcurrency: number | undefined; dev: boolean }): number {
  if (options.driver === "pglite" || options.dev) return 1;
  return options.webConcurrency ?? availableParallelism();
}

/** This process is a worker forked by the primary (it skips migrations and seeding). */
export const isForkedWorker = (): boolean => cluster.isWorker;

/** A replaced worker waits this long first, so a worker that dies at start-up does not spin the CPU. */
const RESTART_DELAY_MS = 1_000;

/**
 * The primary: forks `count` workers that share the apps' ports (node:cluster hands connections out
 * round-robin), replaces a worker that dies, and on SIGTERM/SIGINT passes the signal on, waits for
 * every worker to drain and exit, then exits.
 */
export function runPrimary(count: number): void {
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    worker.on("exit", (code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      console.warn(`[cluster] worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting a new one`);
      setTimeout(() => {
        if (!stopping) fork();
      }, RESTART_DELAY_MS).unref();
    });
  };
  for (let index = 0; index < count; index += 1) fork();
  console.log(`Workers: ${count} (one port per app, shared through node:cluster; WEB_CONCURRENCY overrides)`);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker.process.kill(signal);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** How long a draining process lets in-flight requests finish before it closes their connections. */
export const DRAIN_TIMEOUT_MS = 20_000;

/**
 * Stops accepting, lets in-flight requests finish (idle keep-alive connections close at once), and
 * resolves when every server is closed or after `timeoutMs`, whichever comes first.
 */
export async function drain(servers: Server[], timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  // A keep-alive client would otherwise keep sending on its open connection: every answer from now
  // on closes its connection, so the client reconnects to a worker that still accepts.
  for (const server of servers) {
    server.prependListener("request", (_req, res) => {
      res.shouldKeepAlive = false;
    });
  }
  const closed = Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    ),
  );
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      for (const server of servers) server.closeAllConnections();
      resolve();
    }, timeoutMs);
  });
  await Promise.race([closed, late]);
  clearTimeout(timer);
}
