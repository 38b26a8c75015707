import { sql, type Kysely } from "kysely";

// Frozen. The staff workspace's overview counted every member row per request (90 ms p50 at a
// million members). Members per role are now kept exact by a trigger in the writing transaction,
// and "joined in the last 30 days" reads a partial index over members' sign-up times.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table user_role_counts (role text primary key, users integer not null default 0 check (users >= 0))`.execute(db);
  await sql`
    create function user_role_counts_keep() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.role = new.role then
        return null;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        update user_role_counts set users = users - 1 where role = old.role;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into user_role_counts (role, users) values (new.role, 1)
        on conflict (role) do update set users = user_role_counts.users + 1;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger users_role_counts after insert or delete or update of role on users for each row execute function user_role_counts_keep()`.execute(db);
  await sql`insert into user_role_counts (role, users) select role, count(*) from users group by role`.execute(db);
  await sql`create index users_member_created_idx on users (created_at) where role = 'member'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists users_member_created_idx`.execute(db);
  await sql`drop trigger if exists users_role_counts on users`.execute(db);
  await sql`drop function if exists user_role_counts_keep()`.execute(db);
  await sql`drop table if exists user_role_counts`.execute(db);
}
