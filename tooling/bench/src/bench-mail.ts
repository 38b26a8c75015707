import {
  composeMail,
  configureMailer,
  configureNotificationMail,
  enqueueMail,
  insertNotifications,
  runNotificationMail,
  startMailWorker,
} from "@planpulse/core";
import { commandLine } from "@planpulse/core/cli";
import { startTestSmtpServer } from "@planpulse/core/testing";
import { sql } from "@planpulse/db";
import { createTestDatabase } from "@planpulse/db/testing";

/**
 * Mail queue throughput and a mail-server outage, against a real SMTP server in-process, on a
 * scratch database: PGlite, or PostgreSQL when TEST_DATABASE_URL / DATABASE_URL is set.
 *   pnpm bench:mail -- --messages 1000
 */
const options = commandLine("Usage: pnpm bench:mail [--messages N]\nMail queue throughput and a mail-server outage against an in-process SMTP server.", {
  messages: { type: "string", default: "1000" },
});
const count = Number(options.messages) || 1_000;
const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (url) process.env.TEST_DATABASE_URL = url;
const driver = url ? "postgres" : "pglite";

const database = await createTestDatabase(driver);
const smtp = await startTestSmtpServer();
configureMailer({ smtpUrl: smtp.url });

const mail = (i: number, to: string) => ({
  ...composeMail({
    organisation: "Bench Association",
    subject: `Bench ${i}`,
    paragraphs: ["A message of ordinary length, as a notification would be."],
    reason: "Sent by the mail benchmark.",
    manage: { text: "Nothing to change." },
  }),
  to,
  key: `bench:${to}:${i}`,
  kind: "bench",
});

const waitFor = async (check: () => Promise<boolean> | boolean, timeoutMs: number) => {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
const statusCounts = async () =>
  Object.fromEntries(
    (await sql<{ status: string; n: number }>`select status, count(*)::int as n from outbox group by status`.execute(database.db)).rows.map((r) => [
      r.status,
      r.n,
    ]),
  );

// 1. Throughput: one transaction per message (as use-cases enqueue); then, the worker started on a
// full queue, delivery to the SMTP server.
let started = performance.now();
for (let i = 0; i < count; i += 1) await database.db.transaction().execute((trx) => enqueueMail(trx, mail(i, "reader@example.org")));
const enqueueSeconds = (performance.now() - started) / 1000;
const worker = await startMailWorker(database.db, { pollingIntervalSeconds: 0.5, batchSize: 20, retry: { retryLimit: 3, retryDelay: 1, retryBackoff: true } });
started = performance.now();
await waitFor(() => smtp.to("reader@example.org").length >= count, 600_000);
const deliverSeconds = (performance.now() - started) / 1000;
const duplicates = smtp.to("reader@example.org").length - count;

// 2. Outage: the server is down for 5 s, then back. Nothing is lost, nothing sent twice.
const outageMessages = 100;
const down = await startTestSmtpServer();
await down.close();
configureMailer({ smtpUrl: down.url });
for (let i = 0; i < outageMessages; i += 1) await enqueueMail(database.db, mail(i, "outage@example.org"));
await new Promise((resolve) => setTimeout(resolve, 5_000));
const duringOutage = await statusCounts();
configureMailer({ smtpUrl: smtp.url });
started = performance.now();
await waitFor(() => smtp.to("outage@example.org").length >= outageMessages, 120_000);
const recoverySeconds = (performance.now() - started) / 1000;
await new Promise((resolve) => setTimeout(resolve, 2_000));
const outageDuplicates = smtp.to("outage@example.org").length - outageMessages;

// 3. Notification mail (decision 020): members with five notifications each ("at once"), coalesced
// into one message per member, composed and queued, then delivered.
configureNotificationMail({ portalOrigin: "http://portal.bench" });
const members = Math.max(10, Math.round(count / 5));
const memberIds: number[] = [];
for (let i = 0; i < members; i += 1) {
  const row = await database.db
    .insertInto("users")
    .values({ email: `member-${i}@bench.example.org`, display_name: `Member ${i}`, password_hash: null, email_verified_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  memberIds.push(row.id);
}
for (let round = 0; round < 5; round += 1) {
  await insertNotifications(
    database.db,
    memberIds.map((id) => ({
      user_id: id,
      kind: "comment_reply" as const,
      objective_id: null,
      comment_id: null,
      actor_id: memberIds[(memberIds.indexOf(id) + 1) % members]!,
    })),
  );
}
started = performance.now();
const notifyRun = await runNotificationMail(database.db, { force: true });
const composeSeconds = (performance.now() - started) / 1000;
started = performance.now();
await waitFor(() => smtp.received.filter((m) => m.to[0]?.endsWith("@bench.example.org")).length >= members, 600_000);
const notifyDeliverSeconds = (performance.now() - started) / 1000;
const notifyDuplicates = smtp.received.filter((m) => m.to[0]?.endsWith("@bench.example.org")).length - members;

// 4. A server that stays down (refuses every recipient): retried, then dead letters.
smtp.refuseRecipients(true);
const refusedMessages = 50;
started = performance.now();
for (let i = 0; i < refusedMessages; i += 1) await enqueueMail(database.db, mail(i, "refused@example.org"));
await waitFor(async () => ((await statusCounts()).dead ?? 0) >= refusedMessages, 120_000);
const deadSeconds = (performance.now() - started) / 1000;
const attempts = await sql<{
  attempts: number;
  n: number;
}>`select attempts, count(*)::int as n from outbox where to_address = 'refused@example.org' group by attempts`.execute(database.db);
const deadJobs = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'mail-dead-letter'`.execute(database.db);

console.log(
  JSON.stringify(
    {
      driver,
      loadAverage: (await import("node:os")).loadavg().map((x) => Number(x.toFixed(1))),
      throughput: {
        messages: count,
        enqueuePerSecond: Math.round(count / enqueueSeconds),
        deliveredPerSecond: Math.round(count / deliverSeconds),
        deliverSeconds: Number(deliverSeconds.toFixed(1)),
        duplicates,
      },
      notificationMail: {
        notifications: members * 5,
        members,
        messages: notifyRun.messages,
        notificationsComposedPerSecond: Math.round((members * 5) / composeSeconds),
        messagesComposedAndQueuedPerSecond: Math.round(notifyRun.messages / composeSeconds),
        deliveredPerSecond: Math.round(members / notifyDeliverSeconds),
        duplicates: notifyDuplicates,
      },
      outageThenRecovery: {
        messages: outageMessages,
        downSeconds: 5,
        statusDuringOutage: duringOutage,
        secondsToDeliverAfterRecovery: Number(recoverySeconds.toFixed(1)),
        duplicates: outageDuplicates,
      },
      refusedEveryTime: {
        messages: refusedMessages,
        retryPolicy: "3 retries, 1 s doubling",
        secondsUntilAllDead: Number(deadSeconds.toFixed(1)),
        attemptsPerMessage: attempts.rows,
        deadLetterJobs: deadJobs.rows[0]!.n,
        finalStatus: await statusCounts(),
      },
    },
    null,
    2,
  ),
);
await worker.stop();
await smtp.close();
await database.dispose();
process.exit(0);
