import { sql, type Kysely } from "kysely";

/** Source tables whose rows belong to one member; a statement on them marks its members for the next rollup refresh. */
const MEMBER_TABLES: ReadonlyArray<[table: string, column: "user_id" | "author_id"]> = [
  ["support_votes", "user_id"],
  ["priority_allocations", "user_id"],
  ["stances", "user_id"],
  ["stance_history", "user_id"],
  ["member_profiles", "user_id"],
  ["comments", "author_id"],
];

// Frozen once shipped. Incremental dashboard rollups (decision 010): per-member state that the
// refresher recomputes only for members whose rows changed, and day buckets the windows sum.
export async function up(db: Kysely<any>): Promise<void> {
  // Members touched since the last refresh. Append-only, no index: a vote toggle adds one row.
  await sql`create table insight_dirty_members (user_id integer not null)`.execute(db);
  for (const column of ["user_id", "author_id"] as const) {
    // One function per column name; the branches only touch the transition table their trigger declares.
    await sql`
      create function ${sql.raw(`insight_mark_${column}`)}() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          insert into insight_dirty_members (user_id) select distinct ${sql.raw(column)} from old_rows where ${sql.raw(column)} is not null;
        else
          insert into insight_dirty_members (user_id) select distinct ${sql.raw(column)} from new_rows where ${sql.raw(column)} is not null;
        end if;
        if tg_op = 'UPDATE' then
          insert into insight_dirty_members (user_id)
          select distinct o.${sql.raw(column)} from old_rows o where o.${sql.raw(column)} is not null
            and not exists (select 1 from new_rows n where n.${sql.raw(column)} = o.${sql.raw(column)});
        end if;
        return null;
      end $$`.execute(db);
  }
  for (const [table, column] of MEMBER_TABLES) {
    const fn = sql.raw(`insight_mark_${column}()`);
    await sql`create trigger ${sql.raw(`${table}_insight_mark_insert`)} after insert on ${sql.table(table)} referencing new table as new_rows for each statement execute function ${fn}`.execute(db);
    if (table !== "stance_history") {
      await sql`create trigger ${sql.raw(`${table}_insight_mark_update`)} after update on ${sql.table(table)} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_insight_mark_delete`)} after delete on ${sql.table(table)} referencing old table as old_rows for each statement execute function ${fn}`.execute(db);
    }
  }

  // What each member contributes to each objective, as last counted. Day arrays feed the day buckets.
  await sql`
    create table insight_member_objectives (
      user_id integer not null,
      objective_id integer not null,
      participates boolean not null,
      voted boolean not null,
      points integer not null,
      stance text,
      comments integer not null,
      tone_n integer not null,
      tone_sum double precision not null,
      tone_negative integer not null,
      comments_eligible integer not null,
      last_at timestamptz,
      vote_day date,
      priority_day date,
      history_days date[] not null,
      comment_days date[] not null,
      shown_days date[] not null,
      primary key (user_id, objective_id)
    )`.execute(db);
  await sql`create index insight_member_objectives_last_idx on insight_member_objectives (objective_id, last_at) where participates`.execute(db);
  // Each member's segments as counted, so a profile edit can take them out of the old cells.
  await sql`
    create table insight_members (
      user_id integer primary key,
      member_type text not null,
      career_stage text not null,
      library_type text not null,
      divisions text[] not null,
      round_tables text[] not null,
      participates boolean not null,
      last_day date,
      has_points boolean not null,
      domains integer[] not null,
      weeks date[] not null
    )`.execute(db);
  // Latest stance in the last 28 days and in the 28 before, anchored at insight_headline.window_day.
  await sql`
    create table insight_stance_windows (
      user_id integer not null,
      objective_id integer not null,
      recent text,
      previous text,
      primary key (user_id, objective_id)
    )`.execute(db);
  await sql`
    create table insight_objective_days (
      objective_id integer not null,
      day date not null,
      votes integer not null default 0,
      comments_all integer not null default 0,
      comments_shown integer not null default 0,
      stance_changes integer not null default 0,
      priority_changes integer not null default 0,
      primary key (objective_id, day)
    )`.execute(db);
  await sql`create table insight_last_days (day date primary key, members integer not null)`.execute(db);
  await sql`create table insight_week_members (week date primary key, members integer not null)`.execute(db);
  await sql`alter table insight_headline add column window_day date`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table] of MEMBER_TABLES) {
    for (const event of ["insert", "update", "delete"]) await sql`drop trigger if exists ${sql.raw(`${table}_insight_mark_${event}`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists insight_mark_user_id()`.execute(db);
  await sql`drop function if exists insight_mark_author_id()`.execute(db);
  await sql`alter table insight_headline drop column window_day`.execute(db);
  for (const table of ["insight_week_members", "insight_last_days", "insight_objective_days", "insight_stance_windows", "insight_members", "insight_member_objectives", "insight_dirty_members"]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
