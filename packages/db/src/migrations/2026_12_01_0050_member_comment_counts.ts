import { sql, type Kysely } from "kysely";

// Frozen. One definition of "comments" on every member-facing page: member comments (top-level and
// replies) that anyone can read, not counting staff replies or official responses, nor held,
// hidden or deleted comments. Migration 0007's counter counted staff comments too, so the plan page
// said 113 where the public dashboard said 94.
const MEMBER_VISIBLE = (row: "old" | "new") =>
  sql.raw(`(${row}.kind = 'member' and ${row}.status = 'visible' and ${row}.deleted_at is null)::int`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function objective_counters_comments() returns trigger language plpgsql as $$
    declare
      was_visible int := 0;
      is_visible int := 0;
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        was_visible := ${MEMBER_VISIBLE("old")};
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        is_visible := ${MEMBER_VISIBLE("new")};
      end if;
      if tg_op = 'UPDATE' and old.objective_id = new.objective_id then
        if is_visible <> was_visible then
          update objective_counters set visible_comments = visible_comments + is_visible - was_visible where objective_id = new.objective_id;
        end if;
        return null;
      end if;
      if was_visible = 1 then
        update objective_counters set visible_comments = visible_comments - 1 where objective_id = old.objective_id;
      end if;
      if is_visible = 1 then
        update objective_counters set visible_comments = visible_comments + 1 where objective_id = new.objective_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    update objective_counters oc set visible_comments = coalesce(
      (select count(*) from comments c where c.objective_id = oc.objective_id and c.kind = 'member' and c.status = 'visible' and c.deleted_at is null), 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function objective_counters_comments() returns trigger language plpgsql as $$
    declare
      was_visible int := 0;
      is_visible int := 0;
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        was_visible := (old.status = 'visible' and old.deleted_at is null)::int;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        is_visible := (new.status = 'visible' and new.deleted_at is null)::int;
      end if;
      if tg_op = 'UPDATE' and old.objective_id = new.objective_id then
        if is_visible <> was_visible then
          update objective_counters set visible_comments = visible_comments + is_visible - was_visible where objective_id = new.objective_id;
        end if;
        return null;
      end if;
      if was_visible = 1 then
        update objective_counters set visible_comments = visible_comments - 1 where objective_id = old.objective_id;
      end if;
      if is_visible = 1 then
        update objective_counters set visible_comments = visible_comments + 1 where objective_id = new.objective_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    update objective_counters oc set visible_comments = coalesce(
      (select count(*) from comments c where c.objective_id = oc.objective_id and c.status = 'visible' and c.deleted_at is null), 0)`.execute(db);
}
