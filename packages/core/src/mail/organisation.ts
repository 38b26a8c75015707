import type { DB, Kysely } from "@planpulse/db";
import { getOrganisationSettings } from "../organisation/organisation-settings";

/** The organisation's name as mail shows it: the one the admin set in the organisation settings. */
export async function getOrganisationName(db: Kysely<DB>): Promise<string> {
  return (await getOrganisationSettings(db)).name;
}
