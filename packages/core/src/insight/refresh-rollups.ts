import type { DB, Kysely } from "@planpulse/db";
import { readInsightChangeMark, readInsightRefreshState, refreshInsightState, tryInsightRefreshLock, type InsightRefreshMode } from "./rollups";

/** Even with no writes, the 7/30/90-day windows move: rebuild at least this often. */
const MAX_AGE_MS = 10 * 60_000;

export type RefreshResult = {
  refreshed: boolean;
  reason: "changed" | "stale" | "forced" | "unchanged" | "busy";
  ms: number;
  mode?: InsightRefreshMode;
  members?: number;
};

/**
 * Brings the dashboard rollups up to date when anything they count has changed since the last
 * refresh (the change triggers bump a sequence), or when they are older than ten minutes. Only the
 * members marked since then are recounted; `full` (or a first refresh) recounts everyone.
 */
export async function refreshInsightRollups(
  db: Kysely<DB>,
  options: { force?: boolean; full?: boolean; now?: Date; onStep?: (name: string, ms: number) => void } = {},
): Promise<RefreshResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const [mark, state] = await Promise.all([readInsightChangeMark(db), readInsightRefreshState(db)]);
  const stale = !state.refreshedAt || now.getTime() - state.refreshedAt.getTime() > MAX_AGE_MS;
  const changed = mark !== state.changeMark;
  if (!options.force && !stale && !changed) return { refreshed: false, reason: "unchanged", ms: performance.now() - started };
  const reason = options.force ? "forced" : changed ? "changed" : "stale";
  const mode: InsightRefreshMode = options.full || !state.refreshedAt ? "full" : "incremental";
  // One snapshot for the whole refresh: members marked after it stay marked for the next one.
  const members = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      if (!(await tryInsightRefreshLock(trx))) return null;
      return (await refreshInsightState(trx, { mode, changeMark: mark, onStep: options.onStep })).members;
    });
  if (members === null) return { refreshed: false, reason: "busy", ms: performance.now() - started };
  return { refreshed: true, reason, ms: performance.now() - started, mode, members };
}

/**
 * Keeps the rollups within a minute of the truth: one refresh at a time, every `intervalMs`.
 * Returns a stop function. Failures are reported and retried on the next tick.
 */
export function startInsightRefresher(db: Kysely<DB>, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 30_000;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = refreshInsightRollups(db)
      .catch((error: unknown) =>
        (options.onError ?? ((e) => console.warn(`[insight] rollup refresh failed: ${e instanceof Error ? e.message : String(e)}`)))(error),
      )
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
