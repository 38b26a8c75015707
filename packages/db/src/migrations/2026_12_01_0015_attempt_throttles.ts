import { sql, type Kysely } from "kysely";

// Frozen. Sign-in and sign-up limits become growing delays, reserved before any password is
// checked (decision 014). One row per hashed key: failures so far, when the next attempt may
// start, and when the last one did (the count is forgotten after a quiet spell). The old
// count-then-record table goes.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table attempt_throttles (
      key text primary key,
      failures integer not null default 0 check (failures >= 0),
      next_allowed_at timestamptz not null default now(),
      last_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index attempt_throttles_last_at_idx on attempt_throttles (last_at)`.execute(db);
  await sql`drop table auth_attempts`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table attempt_throttles`.execute(db);
  await sql`create table auth_attempts (id bigint generated always as identity primary key, key text not null, created_at timestamptz not null default now())`.execute(db);
  await sql`create index auth_attempts_key_created_idx on auth_attempts (key, created_at)`.execute(db);
}
