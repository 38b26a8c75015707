import { sql, type Kysely } from "kysely";

// Frozen once shipped. The organisation's own name, portal title, logo, colour, contact, labels, time
// zone and date format (issue #11): one row, edited by admins, read (cached) by every page.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table organisation_settings (
      id integer primary key check (id = 1),
      name text not null,
      short_name text not null,
      portal_title text not null,
      portal_description text not null,
      contact_email text not null default '',
      official_response_label text not null,
      time_zone text not null default 'UTC',
      date_format text not null default 'medium',
      accent_colour text,
      logo bytea,
      logo_type text,
      logo_updated_at timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table organisation_settings`.execute(db);
}
