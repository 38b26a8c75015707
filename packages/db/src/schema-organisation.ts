import type { ColumnType, Generated, Selectable } from "kysely";

export interface OrganisationSettingsTable {
  id: ColumnType<number, 1, never>;
  name: string;
  short_name: string;
  portal_title: string;
  portal_description: string;
  contact_email: ColumnType<string, string | undefined, string>;
  official_response_label: string;
  /** An IANA time zone ("America/Chicago"). */
  time_zone: ColumnType<string, string | undefined, string>;
  /** One of DATE_FORMATS in validators. */
  date_format: ColumnType<string, string | undefined, string>;
  /** "#rrggbb", checked for contrast when saved; null = the theme's blue. */
  accent_colour: ColumnType<string | null, string | null | undefined, string | null>;
  logo: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  logo_type: ColumnType<string | null, string | null | undefined, string | null>;
  logo_updated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  updated_at: Generated<Date>;
}

export interface OrganisationTables {
  organisation_settings: OrganisationSettingsTable;
}

export type OrganisationSettingsRow = Selectable<OrganisationSettingsTable>;
