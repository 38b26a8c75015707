import { sql, type Kysely } from "kysely";

// Frozen. Member imports (issue #13): a checked upload waits here for the admin's "Import"; the
// apply records its progress per batch and, when done, drops the file's content (names and emails)
// and keeps only the counts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("member_imports")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", "text")
    .addColumn("row_count", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("checked").check(sql`status in ('checked', 'applying', 'applied', 'failed')`))
    .addColumn("done_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unchanged_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("applied_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("member_imports").ifExists().execute();
}
