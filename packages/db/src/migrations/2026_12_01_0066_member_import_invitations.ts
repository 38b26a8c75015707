import { sql, type Kysely } from "kysely";

// Frozen. A member import may invite the members it creates (issue #13; decision 021): whether it
// was asked to, and how many invitations it queued.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table member_imports add column invite boolean not null default false`.execute(db);
  await sql`alter table member_imports add column invited_count integer not null default 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table member_imports drop column invited_count`.execute(db);
  await sql`alter table member_imports drop column invite`.execute(db);
}
