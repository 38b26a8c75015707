import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobQueue, enqueueJob, MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE, NOTIFY_QUEUE } from "./job-queue";
import { createTestDatabase, testDrivers, type TestDatabase } from "./testing";

const jobsIn = async (database: TestDatabase, queue: string) =>
  (await sql<{ data: { n: number } }>`select data from pgboss.job where name = ${queue} order by created_on`.execute(database.db)).rows.map((r) => r.data.n);

describe.each(testDrivers())("job queue (pg-boss) on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it("has the mail queue, its dead-letter queue and the notification mail queue from the migrations", async () => {
    const queues = await sql<{
      name: string;
      dead_letter: string | null;
      retry_limit: number | null;
    }>`select name, dead_letter, retry_limit from pgboss.queue order by name`.execute(database.db);
    expect(queues.rows.map((q) => [q.name, q.dead_letter, q.name === MAIL_QUEUE ? q.retry_limit : null])).toEqual([
      [MAIL_QUEUE, MAIL_DEAD_LETTER_QUEUE, 6],
      [MAIL_DEAD_LETTER_QUEUE, null, null],
      [NOTIFY_QUEUE, null, null],
    ]);
  });

  it("enqueues with the transaction: a rolled-back change leaves no job, a committed one does", async () => {
    await database.db
      .transaction()
      .execute(async (trx) => {
        await enqueueJob(trx, MAIL_QUEUE, { n: 1 });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await database.db.transaction().execute((trx) => enqueueJob(trx, MAIL_QUEUE, { n: 2 }));
    expect(await jobsIn(database, MAIL_QUEUE)).toEqual([2]);
  });

  it("hands committed jobs to a started worker, and runs its maintenance scripts", async () => {
    const boss = createJobQueue(database.db);
    await boss.start();
    const seen: number[] = [];
    await boss.work<{ n: number }>(MAIL_QUEUE, { pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) seen.push(job.data.n);
    });
    await expect.poll(() => seen, { timeout: 5_000 }).toEqual([2]);
    // pg-boss's maintenance runs multi-statement scripts (BEGIN; lock; archive; COMMIT): PGlite too.
    await boss.maintain();
    await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  });
});
