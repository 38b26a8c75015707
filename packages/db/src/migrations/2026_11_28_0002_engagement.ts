import { sql, type Kysely } from "kysely";

// Frozen: never edit after it has shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Set when a member deletes their account: the row stays (anonymised) so their words and counts keep their place.
  await db.schema.alterTable("users").addColumn("deleted_at", "timestamptz").execute();

  await db.schema
    .createTable("support_votes")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("objective_id", "integer", (c) => c.notNull().references("objectives.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("support_votes_user_objective_key", ["user_id", "objective_id"])
    .execute();
  await db.schema.createIndex("support_votes_objective_idx").on("support_votes").column("objective_id").execute();

  await db.schema
    .createTable("priority_allocations")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("objective_id", "integer", (c) => c.notNull().references("objectives.id"))
    .addColumn("points", "integer", (c) => c.notNull().check(sql`points between 1 and 5`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("priority_allocations_pkey", ["user_id", "objective_id"])
    .execute();
  await db.schema.createIndex("priority_allocations_objective_idx").on("priority_allocations").column("objective_id").execute();

  await db.schema
    .createTable("stances")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("objective_id", "integer", (c) => c.notNull().references("objectives.id"))
    .addColumn("stance", "text", (c) => c.notNull().check(sql`stance in ('support', 'neutral', 'concern')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("stances_user_objective_key", ["user_id", "objective_id"])
    .execute();
  await db.schema.createIndex("stances_objective_idx").on("stances").column("objective_id").execute();

  await db.schema
    .createTable("stance_history")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("objective_id", "integer", (c) => c.notNull().references("objectives.id"))
    .addColumn("stance", "text", (c) => c.notNull().check(sql`stance in ('support', 'neutral', 'concern')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("stance_history_objective_created_idx")
    .on("stance_history")
    .columns(["objective_id", "created_at"])
    .execute();
  await db.schema.createIndex("stance_history_user_idx").on("stance_history").column("user_id").execute();
  // History is evidence for "stance before/after a progress update": the database refuses rewrites.
  await sql`
    create function stance_history_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'stance_history is append-only';
    end $$`.execute(db);
  await sql`
    create trigger stance_history_no_update_or_delete
    before update or delete on stance_history
    for each statement execute function stance_history_is_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["stance_history", "stances", "priority_allocations", "support_votes"]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function if exists stance_history_is_append_only()`.execute(db);
  await db.schema.alterTable("users").dropColumn("deleted_at").execute();
}
