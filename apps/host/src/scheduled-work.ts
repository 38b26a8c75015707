import { startInsightRefresher, startMailWorker, startNotificationMail } from "@planpulse/core";
import { createDb, runInOneProcess, type Database, type DatabaseConfig } from "@planpulse/db";

/** How often a worker that does not run the scheduled work tries to take it over. */
export const SCHEDULER_RETRY_MS = 2_000;

/**
 * Everything that runs on a timer rather than per request: the insight refresher and the pg-boss
 * mail worker (its maintenance included) with the notification mail and digests. Add a new scheduled job here so it runs in one process.
 */
async function startScheduledWork(database: Database, config: DatabaseConfig): Promise<() => Promise<void>> {
  // Dashboard rollups stay within a minute of the truth; on PostgreSQL the rebuild has its own
  // connection so a long rebuild never counts against the requests' statement timeout or pool.
  const insightDatabase: Database = "url" in config ? await createDb({ url: config.url, poolSize: 1 }) : database;
  const stopInsight = startInsightRefresher(insightDatabase.db, { intervalMs: 30_000 });
  // Outgoing mail: a pg-boss worker on the mail queue (SMTP_URL, or kept in the outbox without it).
  const mailWorker = await startMailWorker(database.db);
  // Notification mail (decision 020): coalesced "at once" mail and the digests' schedule, on the same queue.
  await startNotificationMail(mailWorker.boss, database.db);
  return async () => {
    await Promise.all([stopInsight(), mailWorker.stop()]);
    if (insightDatabase !== database) await insightDatabase.close();
  };
}

/**
 * On PostgreSQL the scheduled work runs in exactly one of the workers (and of any other host on the
 * same database): the one holding the scheduler's advisory lock (runInOneProcess). On the embedded
 * database there is one process, which runs it.
 */
export async function startScheduledWorkInOneProcess(database: Database, config: DatabaseConfig): Promise<() => Promise<void>> {
  if (!("url" in config)) return startScheduledWork(database, config);
  const runner = runInOneProcess({
    url: config.url,
    retryMs: SCHEDULER_RETRY_MS,
    applicationName: `planpulse-scheduler:${process.pid}`,
    start: () => startScheduledWork(database, config),
  });
  return () => runner.stop();
}
