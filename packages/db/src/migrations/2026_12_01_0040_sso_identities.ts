import { sql, type Kysely } from "kysely";

// Frozen. Single sign-on (issue #13): provider identities linked to accounts, whether an account's
// email is verified, and the association's member id. Verified answers are member_answers.source
// (migration 0020).
export async function up(db: Kysely<any>): Promise<void> {
  // The mail helper adds the same column the same way; whichever runs first wins, the other is a no-op.
  await sql`alter table users add column if not exists email_verified_at timestamptz`.execute(db);
  await sql`alter table users add column if not exists member_id text`.execute(db);
  await sql`create unique index if not exists users_member_id_key on users (member_id) where member_id is not null`.execute(db);

  await db.schema
    .createTable("user_identities")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_sign_in_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("user_identities_issuer_subject_key", ["issuer", "subject"])
    .execute();
  await db.schema.createIndex("user_identities_user_id_idx").on("user_identities").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("user_identities").ifExists().execute();
  await sql`drop index if exists users_member_id_key`.execute(db);
  await sql`alter table users drop column if exists member_id`.execute(db);
}
