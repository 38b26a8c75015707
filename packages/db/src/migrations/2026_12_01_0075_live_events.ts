import { sql, type Kysely } from "kysely";

/**
 * Tables whose writes change what a visitor or an open page sees, the kind each is announced as, and
 * the column naming the objective it belongs to ('' = the whole site, e.g. an organisation setting).
 */
const WATCHED: ReadonlyArray<readonly [table: string, kind: string, objectiveColumn: string]> = [
  ["support_votes", "votes", "objective_id"],
  ["stances", "stances", "objective_id"],
  ["priority_allocations", "priorities", "objective_id"],
  ["comments", "comments", "objective_id"],
  ["comment_flags", "flags", ""],
  ["progress_updates", "progress", "objective_id"],
  ["milestones", "progress", "objective_id"],
  ["objectives", "plan", "id"],
  ["domains", "plan", ""],
  ["plans", "plan", ""],
  ["organisation_settings", "organisation", ""],
  ["insight_headline", "insight", ""],
  ["insight_objective_rollups", "insight", ""],
  ["insight_domain_rollups", "insight", ""],
];

// Frozen. Live pages and the visitors' page cache (decision 023): every statement that changes a
// watched table bumps one content version and announces it with pg_notify, both in the writing
// transaction, so the announcement goes out only when the write commits (and never for a rollback).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table live_content_version (id integer primary key check (id = 1), version bigint not null)`.execute(db);
  await sql`insert into live_content_version (id, version) values (1, 0)`.execute(db);
  // tg_argv: [kind, objective column or '']. A statement that touched no row announces nothing; more
  // than 100 objectives at once (an import) is announced as "everything" (o = null).
  await sql`
    create function live_content_changed() returns trigger language plpgsql as $$
    declare
      ids integer[];
      touched boolean;
      next_version bigint;
    begin
      if tg_op = 'DELETE' then
        select exists (select 1 from old_rows) into touched;
        if touched and tg_argv[1] <> '' then
          execute format('select array_agg(x) from (select distinct %I as x from old_rows limit 101) s', tg_argv[1]) into ids;
        end if;
      else
        select exists (select 1 from new_rows) into touched;
        if touched and tg_argv[1] <> '' then
          execute format('select array_agg(x) from (select distinct %I as x from new_rows limit 101) s', tg_argv[1]) into ids;
        end if;
      end if;
      if not touched then
        return null;
      end if;
      if ids is not null and cardinality(ids) > 100 then
        ids := null;
      end if;
      update live_content_version set version = version + 1 where id = 1 returning version into next_version;
      perform pg_notify('planpulse_live', json_build_object('v', next_version, 'k', tg_argv[0], 'o', ids)::text);
      return null;
    end $$`.execute(db);
  for (const [table, kind, column] of WATCHED) {
    for (const [op, transition] of [
      ["insert", "new table as new_rows"],
      ["update", "new table as new_rows"],
      ["delete", "old table as old_rows"],
    ] as const) {
      await sql`
        create trigger ${sql.raw(`live_${table}_${op}`)} after ${sql.raw(op)} on ${sql.table(table)}
        referencing ${sql.raw(transition)} for each statement
        execute function live_content_changed(${sql.lit(kind)}, ${sql.lit(column)})`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table] of WATCHED) {
    for (const op of ["insert", "update", "delete"]) await sql`drop trigger if exists ${sql.raw(`live_${table}_${op}`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists live_content_changed()`.execute(db);
  await sql`drop table live_content_version`.execute(db);
}
