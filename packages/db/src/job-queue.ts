import PgBoss from "pg-boss";
import { CompiledQuery, type Kysely } from "kysely";
import { splitSqlStatements } from "./sql-statements";

/** pg-boss keeps its tables in this schema (created by migration 0030, upgraded by pg-boss itself). */
export const JOB_SCHEMA = "pgboss";
export const MAIL_QUEUE = "mail";
export const MAIL_DEAD_LETTER_QUEUE = "mail-dead-letter";
/** Notification mail (decision 020): each job sends what is due (coalesced mail, digests). */
export const NOTIFY_QUEUE = "notify-mail";

/** Retries: 6 tries after the first, backoff from 30 s doubling (~30 s, 1, 2, 4, 8, 16 min ≈ 31 min in all). */
export const MAIL_RETRY = { retryLimit: 6, retryDelay: 30, retryBackoff: true } as const;

type Executor = Pick<Kysely<any>, "executeQuery" | "connection">;

/**
 * pg-boss's `db` option over a Kysely instance or transaction, so jobs go through the same
 * connection (and the same transaction) as the change that causes them, on PostgreSQL and PGlite
 * alike. A parameterless script of several statements (pg-boss's maintenance and migrations) is
 * run statement by statement on one pinned connection, because PGlite's query takes one at a time.
 */
export function jobQueueDb(db: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      if (values.length === 0) {
        const statements = splitSqlStatements(text);
        if (statements.length > 1) {
          return db.connection().execute(async (conn) => {
            let last: { rows: unknown[] } = { rows: [] };
            for (const statement of statements) last = await conn.executeQuery(CompiledQuery.raw(statement, []));
            return { rows: [...last.rows] };
          });
        }
      }
      const result = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: [...result.rows] };
    },
  };
}

/** The construction script pg-boss would run, as separate statements (used by migration 0030). */
export function jobQueueConstructionStatements(): string[] {
  return splitSqlStatements(PgBoss.getConstructionPlans(JOB_SCHEMA)).filter((s) => !/^(BEGIN|COMMIT)$/i.test(s));
}

export type { PgBoss };

/**
 * A pg-boss instance over the app's database. Unstarted, it only enqueues (send with `db` set to a
 * transaction); `start()` adds maintenance and lets `work()` poll.
 */
export function createJobQueue(db: Kysely<any>, options: { pollingIntervalSeconds?: number } = {}): PgBoss {
  return new PgBoss({
    db: jobQueueDb(db),
    schema: JOB_SCHEMA,
    // The app owns the schema through its migrations; pg-boss may still upgrade its own tables.
    migrate: true,
    maintenanceIntervalSeconds: 120,
    archiveCompletedAfterSeconds: 60 * 60,
    deleteAfterDays: 7,
    ...options,
  });
}

// Never started: it only writes jobs through the connection each call passes in.
let sender: PgBoss | undefined;

/** Enqueues a job inside `trx`: workers see it only if that transaction commits. */
export async function enqueueJob(trx: Executor, queue: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  sender ??= new PgBoss({ db: { executeSql: () => Promise.reject(new Error("enqueueJob needs a connection")) }, schema: JOB_SCHEMA });
  return sender.send(queue, data, { ...options, db: jobQueueDb(trx) });
}

/** Seconds several notifications for one member wait, to leave as one message (NOTIFY_COALESCE_SECONDS). */
let coalesceSeconds = 120;

export function setNotificationCoalesceSeconds(seconds: number): void {
  coalesceSeconds = Math.max(0, Math.floor(seconds));
}

export function notificationCoalesceSeconds(): number {
  return coalesceSeconds;
}

/**
 * Asks the notification worker to look at pending rows once the coalescing window has passed. At
 * most one job per window (a pg-boss singleton slot), so a burst of notifications makes one or two.
 */
export async function kickNotificationMail(trx: Executor, delaySeconds = coalesceSeconds): Promise<void> {
  const delay = Math.max(1, Math.ceil(delaySeconds));
  await enqueueJob(trx, NOTIFY_QUEUE, { task: "send" }, { singletonKey: `send-${delay}`, singletonSeconds: Math.max(1, coalesceSeconds), startAfter: delay });
}
