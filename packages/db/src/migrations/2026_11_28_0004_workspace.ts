import { sql, type Kysely } from "kysely";

// Frozen: never edit after it has shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("staff_domain_assignments")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("domain_id", "integer", (c) => c.notNull().references("domains.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("staff_domain_assignments_pkey", ["user_id", "domain_id"])
    .execute();

  await db.schema
    .createTable("milestones")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("objective_id", "integer", (c) => c.notNull().references("objectives.id"))
    .addColumn("title", "text", (c) => c.notNull().check(sql`char_length(title) between 1 and 300`))
    .addColumn("due_date", "date")
    .addColumn("done", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("retired_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("milestones_objective_idx").on("milestones").column("objective_id").execute();

  await db.schema
    .createTable("progress_updates")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("objective_id", "integer", (c) => c.notNull().references("objectives.id"))
    .addColumn("author_id", "integer", (c) => c.references("users.id"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`char_length(body) between 1 and 2000`))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("percent_complete", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("progress_updates_objective_idx").on("progress_updates").columns(["objective_id", "created_at"]).execute();

  await db.schema
    .createTable("objective_progress_history")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("objective_id", "integer", (c) => c.notNull().references("objectives.id"))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("before", "jsonb", (c) => c.notNull())
    .addColumn("after", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("objective_progress_history_objective_idx")
    .on("objective_progress_history")
    .columns(["objective_id", "created_at"])
    .execute();

  await db.schema
    .createTable("plan_versions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plans.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("plan_versions_plan_version_key", ["plan_id", "version"])
    .execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('member', 'moderator', 'staff', 'leader', 'admin')`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "integer", (c) => c.references("users.id"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("accepted_at", "timestamptz")
    .addColumn("accepted_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("transport", "text", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz")
    .addColumn("error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "outbox",
    "invitations",
    "plan_versions",
    "objective_progress_history",
    "progress_updates",
    "milestones",
    "staff_domain_assignments",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
