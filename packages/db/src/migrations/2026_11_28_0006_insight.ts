import { sql, type Kysely } from "kysely";

const COUNTS = ["stance_support", "stance_neutral", "stance_concern", "support_votes", "priority_points", "comments", "tone_n", "tone_negative"];
const WATCHED = ["support_votes", "priority_allocations", "stances", "stance_history", "comments", "response_timings", "member_profiles", "objectives", "progress_updates", "milestones"];

// Frozen: never edit after it has shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Tone of a comment's wording in [-1, 1], written with the comment; null until scored.
  await sql`alter table comments add column tone real check (tone between -1 and 1)`.execute(db);

  // Rollups: the dashboard reads these, never the raw votes. refreshInsightRollups() rebuilds them.
  let objectiveRollups = db.schema
    .createTable("insight_objective_rollups")
    .addColumn("objective_id", "integer", (c) => c.primaryKey().references("objectives.id"))
    .addColumn("participants", "integer", (c) => c.notNull().defaultTo(0));
  for (const column of [
    ...COUNTS,
    "stance_recent_support",
    "stance_recent_neutral",
    "stance_recent_concern",
    "stance_previous_support",
    "stance_previous_neutral",
    "stance_previous_concern",
    "comments_recent",
    "comments_previous",
    "votes_recent",
    "votes_previous",
    "comments_eligible",
    "comments_answered",
  ]) {
    objectiveRollups = objectiveRollups.addColumn(column, "integer", (c) => c.notNull().defaultTo(0));
  }
  await objectiveRollups
    .addColumn("tone_sum", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("median_response_seconds", "double precision")
    .addColumn("last_activity_at", "timestamptz")
    .execute();

  let segmentRollups = db.schema
    .createTable("insight_segment_rollups")
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    // 0 = the whole plan (distinct members across every objective).
    .addColumn("objective_id", "integer", (c) => c.notNull())
    .addColumn("members", "integer", (c) => c.notNull().defaultTo(0));
  for (const column of COUNTS) segmentRollups = segmentRollups.addColumn(column, "integer", (c) => c.notNull().defaultTo(0));
  await segmentRollups
    .addColumn("tone_sum", "double precision", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("insight_segment_rollups_pkey", ["segment", "objective_id", "value"])
    .execute();

  // Distinct members per domain (the other domain figures are sums of its objectives).
  await db.schema
    .createTable("insight_domain_rollups")
    .addColumn("domain_id", "integer", (c) => c.primaryKey().references("domains.id"))
    .addColumn("participants", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  // Stance as of each progress update ("before") and four weeks later ("after").
  await db.schema
    .createTable("insight_update_stances")
    .addColumn("progress_update_id", "integer", (c) => c.notNull().references("progress_updates.id"))
    .addColumn("moment", "text", (c) => c.notNull().check(sql`moment in ('before', 'after')`))
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("support", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("neutral", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("concern", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("insight_update_stances_pkey", ["progress_update_id", "moment"])
    .execute();

  await db.schema
    .createTable("insight_weekly")
    .addColumn("week", "date", (c) => c.primaryKey())
    .addColumn("participants", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("comments", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("support_votes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("stances", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("priority_changes", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("insight_headline")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("participants_7d", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("participants_30d", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("participants_90d", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("participants_all", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("comments", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("comments_30d", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("support_votes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("support_votes_30d", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("priority_points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("priority_members", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("comments_eligible", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("comments_answered", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("median_response_seconds", "double precision")
    .addColumn("change_mark", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("refreshed_at", "timestamptz")
    .execute();
  await sql`insert into insight_headline (id) values (1)`.execute(db);

  // Writers only bump a sequence (no row lock, no waiting); the refresher compares it with the mark
  // it stored, so an idle plan is not re-aggregated every minute.
  await sql`create sequence insight_changes`.execute(db);
  await sql`
    create function insight_note_change() returns trigger language plpgsql as $$
    begin
      perform nextval('insight_changes');
      return null;
    end $$`.execute(db);
  for (const table of WATCHED) {
    await sql`
      create trigger ${sql.raw(`${table}_insight_change`)}
      after insert or update or delete on ${sql.table(table)}
      for each statement execute function insight_note_change()`.execute(db);
  }
  // Drill-down by tone and the recompute command walk comments by id.
  await sql`create index comments_objective_tone_idx on comments (objective_id, tone) where parent_id is null and kind = 'member'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of WATCHED) await sql`drop trigger if exists ${sql.raw(`${table}_insight_change`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists insight_note_change()`.execute(db);
  await sql`drop sequence if exists insight_changes`.execute(db);
  for (const table of ["insight_headline", "insight_weekly", "insight_update_stances", "insight_domain_rollups", "insight_segment_rollups", "insight_objective_rollups"]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop index if exists comments_objective_tone_idx`.execute(db);
  await sql`alter table comments drop column tone`.execute(db);
}
