import { sql, type Kysely } from "kysely";
import { JOB_SCHEMA, MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE, MAIL_RETRY, jobQueueConstructionStatements } from "../job-queue";

/**
 * Outgoing mail through a job queue kept in the database (pg-boss 10, decision 016): its tables,
 * the mail queue and its dead-letter queue, and the outbox widened into the log of every message
 * (idempotency key, status, attempts, HTML part). The outbox keeps no live tokens: links that
 * carry one are stored as a placeholder and travel only in the job until it is sent.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of jobQueueConstructionStatements()) await sql.raw(statement).execute(db);
  const createQueue = (name: string, options: object) =>
    sql`select ${sql.raw(JOB_SCHEMA)}.create_queue(${name}, ${JSON.stringify(options)}::json)`.execute(db);
  await createQueue(MAIL_DEAD_LETTER_QUEUE, { policy: "standard", retentionMinutes: 60 * 24 * 30 });
  await createQueue(MAIL_QUEUE, { policy: "standard", ...MAIL_RETRY, expireInSeconds: 120, retentionMinutes: 60 * 24 * 14, deadLetter: MAIL_DEAD_LETTER_QUEUE });

  await db.schema
    .alterTable("outbox")
    .addColumn("idempotency_key", "text")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("message"))
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("html", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("queued").check(sql`status in ('queued', 'sent', 'kept', 'dead')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Messages written before the queue: kept (no mail server), sent, or failed for good.
  await sql`update outbox set status = case when transport = 'outbox' then 'kept' when sent_at is not null then 'sent' else 'dead' end`.execute(db);
  await db.schema.createIndex("outbox_idempotency_key_key").unique().on("outbox").column("idempotency_key").execute();
  await db.schema.createIndex("outbox_dead_idx").on("outbox").column("id").where(sql.ref("status"), "=", "dead").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("outbox_dead_idx").execute();
  await db.schema.dropIndex("outbox_idempotency_key_key").execute();
  for (const column of ["updated_at", "attempts", "status", "html", "user_id", "kind", "idempotency_key"]) {
    await db.schema.alterTable("outbox").dropColumn(column).execute();
  }
  await sql`drop schema ${sql.raw(JOB_SCHEMA)} cascade`.execute(db);
}
