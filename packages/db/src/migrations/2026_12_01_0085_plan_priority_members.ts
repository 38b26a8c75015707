import { sql, type Kysely } from "kysely";

// Frozen. Members who placed priority points, per plan (issue 16): every home, domain and objective
// page shows priority shares of the current cycle, and counting distinct members over
// priority_allocations on each page took ~40 ms at 100,000 members (the pages' PostgreSQL-bound
// ceiling). Kept like engagement_totals.priority_members (migration 0007): per statement, from the
// rows it added and removed, so a multi-row write counts each member once per plan. Allocations
// never move between plans (an objective's domain keeps its plan) and objectives are retired, never
// deleted, so insert and delete suffice. One member's writes are serialised by the lock on their user
// row (core/engagement/set-priorities.ts), so two statements never both count the same member in.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table plan_priority_members (
      plan_id integer primary key references plans (id) on delete cascade,
      members integer not null default 0 check (members >= 0)
    )`.execute(db);
  await sql`
    create function plan_priority_members_count() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into plan_priority_members (plan_id, members)
        select changed.plan_id, count(*)
        from (
          select n.user_id, d.plan_id, count(*) as added
          from new_rows n join objectives o on o.id = n.objective_id join domains d on d.id = o.domain_id
          group by n.user_id, d.plan_id
        ) changed
        where changed.added = (
          select count(*) from priority_allocations p join objectives o on o.id = p.objective_id join domains d on d.id = o.domain_id
          where p.user_id = changed.user_id and d.plan_id = changed.plan_id)
        group by changed.plan_id
        on conflict (plan_id) do update set members = plan_priority_members.members + excluded.members;
      else
        update plan_priority_members m set members = m.members - gone.n
        from (
          select left_plan.plan_id, count(*) as n
          from (
            select distinct r.user_id, d.plan_id
            from old_rows r join objectives o on o.id = r.objective_id join domains d on d.id = o.domain_id
          ) left_plan
          where not exists (
            select 1 from priority_allocations p join objectives o on o.id = p.objective_id join domains d on d.id = o.domain_id
            where p.user_id = left_plan.user_id and d.plan_id = left_plan.plan_id)
          group by left_plan.plan_id
        ) gone
        where m.plan_id = gone.plan_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger plan_priority_members_on_insert after insert on priority_allocations
    referencing new table as new_rows for each statement execute function plan_priority_members_count()`.execute(db);
  await sql`
    create trigger plan_priority_members_on_delete after delete on priority_allocations
    referencing old table as old_rows for each statement execute function plan_priority_members_count()`.execute(db);
  await sql`
    insert into plan_priority_members (plan_id, members)
    select d.plan_id, count(distinct p.user_id)
    from priority_allocations p join objectives o on o.id = p.objective_id join domains d on d.id = o.domain_id
    group by d.plan_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists plan_priority_members_on_insert on priority_allocations`.execute(db);
  await sql`drop trigger if exists plan_priority_members_on_delete on priority_allocations`.execute(db);
  await sql`drop function if exists plan_priority_members_count()`.execute(db);
  await sql`drop table if exists plan_priority_members`.execute(db);
}
