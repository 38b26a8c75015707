import { sql, type Kysely } from "kysely";

// Frozen. Member handles (@ann-lee) and the mentions in comments (issue #12, item 5; decision 021).
//
// Every account holds a handle while it exists: lower case a-z, 0-9, _ and -, 3 to 30 characters,
// unique. A deleted account's handle is cleared (it is usually the person's name), so it may be
// taken again; old mentions point at the account id, never at the handle, so nobody inherits them.
//
// Wherever an account is created without a handle (sign-up left empty, invitations, SSO, imports,
// demo accounts, tests) the BEFORE INSERT trigger makes one from the display name: accents folded,
// anything else becomes '-', and when that is reserved or taken, the account id is appended. An
// advisory lock per base handle makes two sign-ups named alike wait for each other instead of
// colliding. The same function backfills existing accounts, oldest first, so the result is
// deterministic. The reserved list is RESERVED_HANDLES in packages/validators/src/domain/handles.ts.

const ACCENTED = "àáâãäåāăąçćčďđèéêëēėęěìíîïīįıñńňòóôõöøōőŕřśšşţťùúûüūůűųýÿźżžłßæœ";
const FOLDED = "aaaaaaaaacccddeeeeeeeeiiiiiiinnnoooooooorrsssttuuuuuuuuyyzzzlsao";

export async function up(db: Kysely<any>): Promise<void> {
  if (ACCENTED.length !== FOLDED.length) throw new Error("migration 0065: accent table out of step");
  await sql`alter table users add column handle text`.execute(db);
  await sql`alter table users add constraint users_handle_form check (handle ~ '^[a-z0-9_-]{3,30}$')`.execute(db);

  await sql`
    create function handle_is_reserved(candidate text) returns boolean language sql stable as $$
      select candidate = any (array[
        'admin', 'administrator', 'admins', 'staff', 'moderator', 'moderators', 'mod', 'mods', 'support',
        'help', 'everyone', 'here', 'all', 'channel', 'team', 'official', 'leader', 'leadership', 'system',
        'root', 'null', 'undefined', 'me', 'you', 'planpulse'])
        or coalesce(candidate = (select lower(regexp_replace(short_name, '[^A-Za-z0-9_-]', '', 'g')) from organisation_settings where id = 1), false)
    $$`.execute(db);

  await sql`
    create function handle_base(display_name text) returns text language sql immutable as $$
      select case
        when length(b) >= 3 then b
        when b = '' then 'member'
        else 'member-' || b
      end
      from (
        select trim(both '-' from left(trim(both '-' from regexp_replace(
          translate(lower(coalesce(display_name, '')), ${sql.lit(ACCENTED)}, ${sql.lit(FOLDED)}),
          '[^a-z0-9]+', '-', 'g')), 30)) as b
      ) as folded
    $$`.execute(db);

  await sql`
    create function handle_for_new_account(display_name text, account_id integer) returns text language plpgsql volatile as $$
    declare
      base text := handle_base(display_name);
      candidate text := base;
      suffix text;
      attempt integer := 0;
    begin
      perform pg_advisory_xact_lock(hashtext('users.handle:' || base));
      loop
        if not handle_is_reserved(candidate) and not exists (select 1 from users where handle = candidate) then
          return candidate;
        end if;
        attempt := attempt + 1;
        if attempt > 1000 then
          raise exception 'no free handle for %', base;
        end if;
        suffix := '-' || account_id::text || case when attempt > 1 then '-' || attempt::text else '' end;
        candidate := trim(both '-' from left(base, 30 - length(suffix))) || suffix;
      end loop;
    end $$`.execute(db);

  await sql`
    create function users_assign_handle() returns trigger language plpgsql as $$
    begin
      if new.handle is null and new.deleted_at is null then
        new.handle := handle_for_new_account(new.display_name, new.id);
      end if;
      return new;
    end $$`.execute(db);

  // Backfill, oldest account first: the first "Ann Lee" keeps ann-lee, the next gets ann-lee-<id>.
  await sql`
    do $$
    declare account record;
    begin
      for account in select id, display_name from users where deleted_at is null order by id loop
        update users set handle = handle_for_new_account(account.display_name, account.id) where id = account.id;
      end loop;
    end $$`.execute(db);

  await sql`alter table users add constraint users_handle_present check (handle is not null or deleted_at is not null)`.execute(db);
  await sql`create unique index users_handle_key on users (handle text_pattern_ops)`.execute(db);
  await sql`create trigger users_assign_handle before insert on users for each row execute function users_assign_handle()`.execute(db);

  // Who a comment mentioned (and so was told): an edit notifies only people not in here yet.
  await sql`
    create table comment_mentions (
      comment_id integer not null references comments (id),
      user_id integer not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (comment_id, user_id)
    )`.execute(db);
  await sql`create index comment_mentions_user_idx on comment_mentions (user_id)`.execute(db);

  // The notifications kind check already allows 'mention': migration 0060 lists every kind.
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table comment_mentions`.execute(db);
  await sql`drop trigger users_assign_handle on users`.execute(db);
  await sql`drop function users_assign_handle()`.execute(db);
  await sql`drop function handle_for_new_account(text, integer)`.execute(db);
  await sql`drop function handle_base(text)`.execute(db);
  await sql`drop function handle_is_reserved(text)`.execute(db);
  await sql`alter table users drop column handle`.execute(db);
}
