import { sql, type Kysely } from "kysely";
import { JOB_SCHEMA, NOTIFY_QUEUE } from "../job-queue";

const KINDS = [
  "staff_reply",
  "official_response",
  "progress_update",
  "comment_hidden",
  "comment_restored",
  "comment_reply",
  "followed_comment",
  "followed_staff_reply",
  "mention",
  "comment_flagged",
  "comment_held",
];
const OLD_KINDS = ["staff_reply", "official_response", "progress_update", "comment_hidden", "comment_restored"];

const kindCheck = (kinds: string[]) => sql.raw(`kind in (${kinds.map((k) => `'${k}'`).join(", ")})`);

/**
 * Notification mail (decision 020): more kinds of notification (replies, comments on followed
 * objectives, mentions, moderator alerts), each row's mail state, members' cadence per preference,
 * a time zone per member, a table for server secrets generated once (the unsubscribe link key),
 * and the job queue that sends coalesced mail and digests. Rows written before this migration are
 * never mailed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table notifications drop constraint if exists notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (${kindCheck(KINDS)})`.execute(db);
  await sql`alter table notifications add column mail_state text not null default 'pending' check (mail_state in ('pending', 'sent', 'skipped'))`.execute(db);
  await sql`alter table notifications add column mailed_at timestamptz`.execute(db);
  // The cadence a pending row waits for, once the worker has looked (null = not yet).
  await sql`alter table notifications add column mail_cadence text check (mail_cadence in ('immediate', 'daily', 'weekly'))`.execute(db);
  await sql`update notifications set mail_state = 'skipped'`.execute(db);
  await sql`create index notifications_mail_pending_idx on notifications (id) where mail_state = 'pending'`.execute(db);

  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("preference", "text", (c) => c.notNull())
    .addColumn("cadence", "text", (c) => c.notNull().check(sql`cadence in ('immediate', 'daily', 'weekly', 'off')`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("notification_preferences_pkey", ["user_id", "preference"])
    .execute();

  await sql`alter table users add column if not exists time_zone text`.execute(db);

  await db.schema
    .createTable("server_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Jobs are throttled to one per coalescing window (singletonSeconds when sent); each sends what is due.
  await sql`select ${sql.raw(JOB_SCHEMA)}.create_queue(${NOTIFY_QUEUE}, ${JSON.stringify({ policy: "standard", retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 600, retentionMinutes: 60 * 24 })}::json)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`select ${sql.raw(JOB_SCHEMA)}.delete_queue(${NOTIFY_QUEUE})`.execute(db);
  await db.schema.dropTable("server_secrets").execute();
  await sql`alter table users drop column time_zone`.execute(db);
  await db.schema.dropTable("notification_preferences").execute();
  await sql`drop index notifications_mail_pending_idx`.execute(db);
  await sql`alter table notifications drop column mail_cadence`.execute(db);
  await sql`alter table notifications drop column mailed_at`.execute(db);
  await sql`alter table notifications drop column mail_state`.execute(db);
  await sql`delete from notifications where not (${kindCheck(OLD_KINDS)})`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (${kindCheck(OLD_KINDS)})`.execute(db);
}
