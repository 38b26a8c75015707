import { sql, type Kysely } from "kysely";

/**
 * Verified email and password reset (decision 016): when an address was verified, and single-use
 * tokens kept only as their SHA-256. Accounts that predate verification and hold a staff role were
 * invited or seeded by an administrator, so they count as verified; members verify themselves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The sso branch adds the same column the same way; keep both statements idempotent.
  await sql`alter table users add column if not exists email_verified_at timestamptz`.execute(db);
  // Staff roles were invited or seeded by an administrator; the demo member is a seeded account too.
  await sql`update users set email_verified_at = created_at where email_verified_at is null and (role <> 'member' or lower(email) = 'member@example.org')`.execute(db);

  await db.schema
    .createTable("account_tokens")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('verify_email', 'reset_password')`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    /** The address the token was sent to: a verification only counts for the address it was mailed to. */
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("account_tokens_user_purpose_idx").on("account_tokens").columns(["user_id", "purpose", "created_at"]).execute();

  // Reset requests are rate-limited per address asked for, whether or not an account has it.
  await db.schema
    .createTable("account_token_requests")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("purpose", "text", (c) => c.notNull())
    /** SHA-256 of the lower-cased address, and of the client IP: the limit needs no readable PII. */
    .addColumn("email_hash", "text", (c) => c.notNull())
    .addColumn("ip_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("account_token_requests_email_idx").on("account_token_requests").columns(["purpose", "email_hash", "created_at"]).execute();
  await db.schema.createIndex("account_token_requests_ip_idx").on("account_token_requests").columns(["purpose", "ip_hash", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("account_token_requests").execute();
  await db.schema.dropTable("account_tokens").execute();
  await sql`alter table users drop column if exists email_verified_at`.execute(db);
}
