import { sql, type Kysely } from "kysely";

// Frozen: never edit after it has shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("comments")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("objective_id", "integer", (c) => c.notNull().references("objectives.id"))
    .addColumn("parent_id", "integer", (c) => c.references("comments.id"))
    .addColumn("author_id", "integer", (c) => c.references("users.id"))
    .addColumn("kind", "text", (c) =>
      c.notNull().defaultTo("member").check(sql`kind in ('member', 'official_response', 'staff_reply')`),
    )
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("stance", "text", (c) => c.check(sql`stance in ('support', 'neutral', 'concern')`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("visible").check(sql`status in ('visible', 'held', 'hidden')`),
    )
    .addColumn("held_reason", "text")
    .addColumn("hidden_reason", "text")
    .addColumn("moderated_by", "integer", (c) => c.references("users.id"))
    .addColumn("moderated_at", "timestamptz")
    .addColumn("edited_at", "timestamptz")
    .addColumn("deleted_at", "timestamptz")
    .addColumn("reply_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("search", sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('english', body)`).stored())
    .execute();
  await sql`create index comments_objective_created_idx on comments (objective_id, created_at desc, id desc)`.execute(db);
  // Keyset pagination of an objective's top-level thread, newest or oldest first.
  await sql`create index comments_objective_top_created_idx on comments (objective_id, created_at desc, id desc) where parent_id is null`.execute(db);
  // "Most replied" sort.
  await sql`create index comments_objective_replies_idx on comments (objective_id, reply_count desc, id desc) where parent_id is null`.execute(db);
  await db.schema.createIndex("comments_parent_created_idx").on("comments").columns(["parent_id", "created_at"]).execute();
  await db.schema.createIndex("comments_author_created_idx").on("comments").columns(["author_id", "created_at"]).execute();
  await sql`create index comments_status_idx on comments (status) where status <> 'visible'`.execute(db);
  await sql`create index comments_search_idx on comments using gin (search)`.execute(db);
  await sql`create index objectives_search_idx on objectives using gin (to_tsvector('english', text))`.execute(db);

  await db.schema
    .createTable("comment_revisions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("comment_id", "integer", (c) => c.notNull().references("comments.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("editor_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("comment_revisions_comment_idx").on("comment_revisions").columns(["comment_id", "created_at"]).execute();

  await db.schema
    .createTable("comment_flags")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("comment_id", "integer", (c) => c.notNull().references("comments.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('spam', 'abuse', 'off_topic', 'other')`))
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolved_by", "integer", (c) => c.references("users.id"))
    .addUniqueConstraint("comment_flags_comment_user_key", ["comment_id", "user_id"])
    .execute();
  await sql`create index comment_flags_open_idx on comment_flags (comment_id) where resolved_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("comment_flags").execute();
  await db.schema.dropTable("comment_revisions").execute();
  await db.schema.dropTable("comments").execute();
  await sql`drop index if exists objectives_search_idx`.execute(db);
}
