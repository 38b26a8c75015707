import { sql, type Kysely } from "kysely";

// Frozen. Exact per-objective counters kept by triggers in the writing transaction, so plan pages
// read 22 rows instead of aggregating every vote, allocation, stance and comment per request.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table objective_counters (
      objective_id integer primary key references objectives(id),
      supports integer not null default 0,
      priority_points integer not null default 0,
      priority_members integer not null default 0,
      stance_support integer not null default 0,
      stance_neutral integer not null default 0,
      stance_concern integer not null default 0,
      visible_comments integer not null default 0
    )`.execute(db);
  await sql`create table engagement_totals (id integer primary key check (id = 1), priority_members integer not null default 0)`.execute(db);

  await sql`
    create function objective_counters_ensure() returns trigger language plpgsql as $$
    begin
      insert into objective_counters (objective_id) values (new.id) on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`create trigger objectives_counter_row after insert on objectives for each row execute function objective_counters_ensure()`.execute(db);

  await sql`
    create function objective_counters_votes() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        update objective_counters set supports = supports + 1 where objective_id = new.objective_id;
      else
        update objective_counters set supports = supports - 1 where objective_id = old.objective_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger support_votes_counters after insert or delete on support_votes for each row execute function objective_counters_votes()`.execute(db);

  await sql`
    create function objective_counters_priorities() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        update objective_counters set priority_points = priority_points - old.points, priority_members = priority_members - 1
          where objective_id = old.objective_id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        update objective_counters set priority_points = priority_points + new.points, priority_members = priority_members + 1
          where objective_id = new.objective_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger priority_allocations_counters after insert or update or delete on priority_allocations for each row execute function objective_counters_priorities()`.execute(db);

  // Members who placed any points: per statement, from the rows it added and removed, so a
  // multi-row insert or delete counts each member once (row triggers would see the whole statement).
  await sql`
    create function engagement_totals_priority_members() returns trigger language plpgsql as $$
    declare
      delta integer;
    begin
      if tg_op = 'INSERT' then
        select coalesce(sum(case when now_n > 0 and now_n - added = 0 then 1 else 0 end), 0) into delta
        from (
          select n.user_id, count(*) as added, (select count(*) from priority_allocations p where p.user_id = n.user_id) as now_n
          from new_rows n group by n.user_id
        ) changed;
      else
        select coalesce(sum(case when now_n = 0 and removed > 0 then -1 else 0 end), 0) into delta
        from (
          select o.user_id, count(*) as removed, (select count(*) from priority_allocations p where p.user_id = o.user_id) as now_n
          from old_rows o group by o.user_id
        ) changed;
      end if;
      if delta <> 0 then
        update engagement_totals set priority_members = priority_members + delta where id = 1;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger priority_members_on_insert after insert on priority_allocations
    referencing new table as new_rows for each statement execute function engagement_totals_priority_members()`.execute(db);
  await sql`
    create trigger priority_members_on_delete after delete on priority_allocations
    referencing old table as old_rows for each statement execute function engagement_totals_priority_members()`.execute(db);

  await sql`
    create function objective_counters_stances() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        update objective_counters set
          stance_support = stance_support - (old.stance = 'support')::int,
          stance_neutral = stance_neutral - (old.stance = 'neutral')::int,
          stance_concern = stance_concern - (old.stance = 'concern')::int
        where objective_id = old.objective_id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        update objective_counters set
          stance_support = stance_support + (new.stance = 'support')::int,
          stance_neutral = stance_neutral + (new.stance = 'neutral')::int,
          stance_concern = stance_concern + (new.stance = 'concern')::int
        where objective_id = new.objective_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger stances_counters after insert or update or delete on stances for each row execute function objective_counters_stances()`.execute(db);

  await sql`
    create function objective_counters_comments() returns trigger language plpgsql as $$
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
  await sql`create trigger comments_counters after insert or update or delete on comments for each row execute function objective_counters_comments()`.execute(db);

  // Backfill from what is already there.
  await sql`
    insert into objective_counters (objective_id, supports, priority_points, priority_members, stance_support, stance_neutral, stance_concern, visible_comments)
    select o.id,
      (select count(*) from support_votes v where v.objective_id = o.id),
      (select coalesce(sum(points), 0) from priority_allocations p where p.objective_id = o.id),
      (select count(*) from priority_allocations p where p.objective_id = o.id),
      (select count(*) from stances s where s.objective_id = o.id and s.stance = 'support'),
      (select count(*) from stances s where s.objective_id = o.id and s.stance = 'neutral'),
      (select count(*) from stances s where s.objective_id = o.id and s.stance = 'concern'),
      (select count(*) from comments c where c.objective_id = o.id and c.status = 'visible' and c.deleted_at is null)
    from objectives o`.execute(db);
  await sql`insert into engagement_totals (id, priority_members) select 1, count(distinct user_id) from priority_allocations`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [trigger, table] of [
    ["comments_counters", "comments"],
    ["stances_counters", "stances"],
    ["priority_allocations_counters", "priority_allocations"],
    ["priority_members_on_insert", "priority_allocations"],
    ["priority_members_on_delete", "priority_allocations"],
    ["support_votes_counters", "support_votes"],
    ["objectives_counter_row", "objectives"],
  ] as const) {
    await sql`drop trigger if exists ${sql.raw(trigger)} on ${sql.table(table)}`.execute(db);
  }
  for (const fn of ["engagement_totals_priority_members", "objective_counters_comments", "objective_counters_stances", "objective_counters_priorities", "objective_counters_votes", "objective_counters_ensure"]) {
    await sql`drop function if exists ${sql.raw(fn)}()`.execute(db);
  }
  await sql`drop table engagement_totals`.execute(db);
  await sql`drop table objective_counters`.execute(db);
}
