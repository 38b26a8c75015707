import { sql, type Kysely } from "kysely";

// Frozen: never edit after it has shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("objectives")
    .addColumn("discussion_locked_at", "timestamptz")
    .addColumn("discussion_locked_by", "integer", (c) => c.references("users.id"))
    .addColumn("first_staff_response_at", "timestamptz")
    .execute();

  // One row (id is always 1): the settings moderators and admins change on /moderation/settings.
  await db.schema
    .createTable("moderation_settings")
    .addColumn("id", "integer", (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn("hold_first_posts", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("watch_words", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into moderation_settings (id) values (1)`.execute(db);

  await db.schema
    .createTable("objective_follows")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("objective_id", "integer", (c) => c.notNull().references("objectives.id"))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('explicit', 'vote', 'comment')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // An explicit unfollow is remembered, so a later vote or comment does not quietly re-follow.
    .addColumn("unfollowed_at", "timestamptz")
    .addPrimaryKeyConstraint("objective_follows_pkey", ["user_id", "objective_id"])
    .execute();
  await sql`create index objective_follows_objective_idx on objective_follows (objective_id) where unfollowed_at is null`.execute(db);

  await db.schema
    .createTable("notifications")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(sql`kind in ('staff_reply', 'official_response', 'progress_update', 'comment_hidden', 'comment_restored')`),
    )
    .addColumn("objective_id", "integer", (c) => c.references("objectives.id"))
    .addColumn("comment_id", "integer", (c) => c.references("comments.id"))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("read_at", "timestamptz")
    .execute();
  await sql`create index notifications_user_created_idx on notifications (user_id, created_at desc, id desc)`.execute(db);
  await sql`create index notifications_user_unread_idx on notifications (user_id) where read_at is null`.execute(db);

  // The first staff reply to a member's top-level comment; written once, never updated.
  await db.schema
    .createTable("response_timings")
    .addColumn("comment_id", "integer", (c) => c.primaryKey().references("comments.id"))
    .addColumn("objective_id", "integer", (c) => c.notNull().references("objectives.id"))
    .addColumn("response_id", "integer", (c) => c.notNull().references("comments.id"))
    .addColumn("responder_id", "integer", (c) => c.references("users.id"))
    .addColumn("first_response_at", "timestamptz", (c) => c.notNull())
    .addColumn("seconds", "integer", (c) => c.notNull().check(sql`seconds >= 0`))
    .execute();
  await db.schema.createIndex("response_timings_objective_idx").on("response_timings").column("objective_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["response_timings", "notifications", "objective_follows", "moderation_settings"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema
    .alterTable("objectives")
    .dropColumn("first_staff_response_at")
    .dropColumn("discussion_locked_by")
    .dropColumn("discussion_locked_at")
    .execute();
}
