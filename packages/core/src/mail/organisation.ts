import type { DB, Kysely } from "@planpulse/db";

const FALLBACK = "Plan Pulse";

/**
 * The organisation's name as mail shows it. The one place to read it: when organisation settings
 * exist, this is the function to point at them. Until then: the current plan's title without its
 * trailing "Strategic Plan" ("ALA Strategic Plan" -> "ALA").
 */
export async function getOrganisationName(db: Kysely<DB>): Promise<string> {
  const plan = await db.selectFrom("plans").select("title").orderBy("id", "desc").limit(1).executeTakeFirst();
  const name = plan?.title.replace(/\s*strategic plan\s*$/i, "").trim();
  return name || FALLBACK;
}
