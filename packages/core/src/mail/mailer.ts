import { createHash } from "node:crypto";
import { createJobQueue, enqueueJob, MAIL_QUEUE, MAIL_RETRY, sql, type DB, type Kysely, type OutboxStatus, type PgBoss, type Transaction } from "@planpulse/db";
import { fillSecrets, withheldSecrets, type ComposedMail } from "./compose";

/**
 * Outgoing mail (decision 016). A use-case writes the message into the outbox and enqueues its job
 * in the transaction that causes it; a worker hands it to the mail server (SMTP_URL) or, with none
 * configured, leaves it in the outbox for admins. Each message has an idempotency key: enqueueing
 * the same key twice is a no-op, and a job that runs again after its message went out sends nothing.
 */

export type MailMessage = ComposedMail & {
  to: string;
  /** Unique per message, e.g. "verify-email:<tokenId>": the same key is never sent twice. */
  key: string;
  kind: string;
  userId?: number | null | undefined;
  /** Values for the message's secret placeholders (links with live tokens); never stored readable. */
  secrets?: Record<string, string> | undefined;
  /** Extra headers (List-Unsubscribe…); they travel in the job, not in the outbox. */
  headers?: Record<string, string> | undefined;
  /** Not before this time (spreads a bulk send, e.g. import invitations, to hold a rate). */
  startAfter?: Date | undefined;
};

type MailJob = { outboxId: number; secrets?: Record<string, string>; headers?: Record<string, string> };

type SmtpMessage = { from: string; to: string; subject: string; text: string; html: string; messageId: string; headers?: Record<string, string> };
type Transport = { sendMail(message: SmtpMessage): Promise<unknown>; close?(): void };

const SMTP_CONNECTIONS = 4;
const DEFAULT_FROM = "Plan Pulse <no-reply@planpulse.invalid>";
let config: { smtpUrl?: string | undefined; from: string } = { from: DEFAULT_FROM };
let transport: Promise<Transport> | undefined;

/** Called once at start-up by the host (and by tests) with SMTP_URL and MAIL_FROM. */
export function configureMailer(options: { smtpUrl?: string | undefined; from?: string | undefined }): void {
  transport?.then((t) => t.close?.()).catch(() => undefined);
  config = { smtpUrl: options.smtpUrl || undefined, from: options.from || DEFAULT_FROM };
  transport = undefined;
}

export function mailerConfigured(): boolean {
  return Boolean(config.smtpUrl);
}

function smtpTransport(url: string): Promise<Transport> {
  transport ??= import("nodemailer").then(
    (nodemailer) =>
      nodemailer.createTransport({
        url,
        pool: true,
        maxConnections: SMTP_CONNECTIONS,
        // An unreachable server fails the attempt within seconds; the queue retries it later.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as Parameters<typeof nodemailer.createTransport>[0]) as unknown as Transport,
  );
  return transport;
}

/**
 * Writes the message into the outbox (placeholders in place of live links) and enqueues its job,
 * both inside `trx`. Returns false when a message with this key already exists.
 */
export async function enqueueMail(trx: Transaction<DB> | Kysely<DB>, message: MailMessage): Promise<{ queued: boolean; outboxId: number | null }> {
  const row = await trx
    .insertInto("outbox")
    .values({
      idempotency_key: message.key,
      kind: message.kind,
      user_id: message.userId ?? null,
      to_address: message.to,
      subject: message.subject,
      body: message.text,
      html: message.html,
      transport: config.smtpUrl ? "smtp" : "outbox",
      status: "queued",
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return { queued: false, outboxId: null };
  const job: MailJob = { outboxId: row.id };
  if (message.secrets) job.secrets = message.secrets;
  if (message.headers) job.headers = message.headers;
  await enqueueJob(trx, MAIL_QUEUE, job, message.startAfter ? { startAfter: message.startAfter } : {});
  return { queued: true, outboxId: row.id };
}

function messageIdFor(key: string): string {
  return `<${createHash("sha256").update(key).digest("hex").slice(0, 32)}@planpulse.mail>`;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500);
}

/** Once a message has gone (or never will), its job forgets the live links it carried. */
async function scrubJob(db: Kysely<DB>, jobId: string) {
  await sql`update pgboss.job set data = jsonb_build_object('outboxId', data->'outboxId') where name = ${MAIL_QUEUE} and id = ${jobId}::uuid`.execute(db);
}

/**
 * Delivers one job. Sent, kept and dead messages are never sent again (a job that runs twice sends
 * once). Throws when the mail server failed, so pg-boss retries it with backoff; on the last try
 * the message is marked dead (the dead-letter view) before the job goes to the dead-letter queue.
 */
export async function deliverMailJob(db: Kysely<DB>, job: PgBoss.JobWithMetadata<MailJob>): Promise<OutboxStatus> {
  const row = await db.selectFrom("outbox").selectAll().where("id", "=", job.data.outboxId).executeTakeFirst();
  if (!row) return "dead";
  if (row.status !== "queued") return row.status;
  const now = new Date();
  if (!config.smtpUrl) {
    await db
      .updateTable("outbox")
      .set({ status: "kept", transport: "outbox", updated_at: now })
      .where("id", "=", row.id)
      .where("status", "=", "queued")
      .execute();
    await scrubJob(db, job.id);
    return "kept";
  }
  const secrets = job.data.secrets ?? {};
  try {
    await (
      await smtpTransport(config.smtpUrl)
    ).sendMail({
      from: config.from,
      to: row.to_address,
      subject: row.subject,
      text: fillSecrets(row.body, secrets),
      html: fillSecrets(row.html ?? "", secrets, true),
      messageId: messageIdFor(row.idempotency_key ?? `outbox:${row.id}`),
      ...(job.data.headers ? { headers: job.data.headers } : {}),
    });
  } catch (error) {
    const last = job.retryCount >= job.retryLimit;
    await db
      .updateTable("outbox")
      .set({ status: last ? "dead" : "queued", attempts: sql`attempts + 1`, error: describeError(error), transport: "smtp", updated_at: now })
      .where("id", "=", row.id)
      .execute();
    if (last) await scrubJob(db, job.id);
    throw error;
  }
  await db
    .updateTable("outbox")
    .set({ status: "sent", attempts: sql`attempts + 1`, sent_at: now, error: null, transport: "smtp", updated_at: now })
    .where("id", "=", row.id)
    .execute();
  await scrubJob(db, job.id);
  return "sent";
}

export type MailWorker = { boss: PgBoss; stop(): Promise<void> };

/**
 * Starts pg-boss (maintenance included) and a worker on the mail queue. `retry` overrides the
 * queue's retry policy (tests shorten it); jobs enqueued afterwards take it.
 */
export async function startMailWorker(
  db: Kysely<DB>,
  options: { pollingIntervalSeconds?: number; batchSize?: number; retry?: { retryLimit: number; retryDelay: number; retryBackoff: boolean } } = {},
): Promise<MailWorker> {
  const boss = createJobQueue(db);
  boss.on("error", (error: Error) => console.warn(`[mail] queue error: ${error.message}`));
  await boss.start();
  await boss.updateQueue(MAIL_QUEUE, { name: MAIL_QUEUE, ...MAIL_RETRY, ...options.retry });
  await boss.work<MailJob>(
    MAIL_QUEUE,
    { includeMetadata: true, batchSize: options.batchSize ?? 10, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
    async (jobs) => {
      const deliver = async (job: PgBoss.JobWithMetadata<MailJob>) => {
        try {
          await deliverMailJob(db, job);
        } catch (error) {
          // This job alone goes back for a retry (or to the dead letters); the batch's others complete.
          await boss.fail(MAIL_QUEUE, job.id, { message: describeError(error) });
        }
      };
      // As many at once as the SMTP pool has connections.
      for (let i = 0; i < jobs.length; i += SMTP_CONNECTIONS) await Promise.all(jobs.slice(i, i + SMTP_CONNECTIONS).map(deliver));
    },
  );
  return { boss, stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}

export type OutboxEntry = {
  id: number;
  to: string;
  kind: string;
  subject: string;
  body: string;
  transport: string;
  status: OutboxStatus;
  attempts: number;
  sentAt: string | null;
  error: string | null;
  createdAt: string;
};

/** The outbox as admins see it, newest first: live links withheld. `status: "dead"` is the dead-letter view. */
export async function listOutbox(db: Kysely<DB>, options: { status?: OutboxStatus | undefined; limit?: number } = {}): Promise<OutboxEntry[]> {
  let query = db
    .selectFrom("outbox")
    .selectAll()
    .orderBy("id", "desc")
    .limit(options.limit ?? 100);
  if (options.status) query = query.where("status", "=", options.status);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    kind: r.kind,
    subject: r.subject,
    body: withheldSecrets(r.body),
    transport: r.transport,
    status: r.status,
    attempts: r.attempts,
    sentAt: r.sent_at?.toISOString() ?? null,
    error: r.error,
    createdAt: r.created_at.toISOString(),
  }));
}

/** Messages per status, for the outbox page's summary. */
export async function countOutbox(db: Kysely<DB>): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom("outbox")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  const counts: Record<OutboxStatus, number> = { queued: 0, sent: 0, kept: 0, dead: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
