import type { DB, Kysely, NotificationCadence, NotificationPreference } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { isTimeZone, NOTIFICATION_PREFERENCE_DEFAULTS, NOTIFICATION_PREFERENCES } from "@planpulse/validators";
import { AppError } from "../errors";
import { getOrganisationSettings } from "../organisation/organisation-settings";

export type NotificationPreferences = Record<NotificationPreference, NotificationCadence>;

/** Each member's cadence per preference: their own choice, else the default (decision 020). */
export async function loadNotificationPreferences(db: Kysely<DB>, userIds: number[]): Promise<Map<number, NotificationPreferences>> {
  const result = new Map<number, NotificationPreferences>();
  for (const id of userIds) result.set(id, { ...NOTIFICATION_PREFERENCE_DEFAULTS });
  if (userIds.length === 0) return result;
  const rows = await db.selectFrom("notification_preferences").select(["user_id", "preference", "cadence"]).where("user_id", "in", userIds).execute();
  for (const row of rows) {
    const prefs = result.get(row.user_id);
    if (prefs && (NOTIFICATION_PREFERENCES as readonly string[]).includes(row.preference)) prefs[row.preference] = row.cadence;
  }
  return result;
}

export type NotificationSettings = {
  preferences: NotificationPreferences;
  /** The member's own time zone, or null when they follow the organisation's. */
  timeZone: string | null;
  organisationTimeZone: string;
};

export async function getNotificationSettings(db: Kysely<DB>, userId: number): Promise<NotificationSettings> {
  const [prefs, user, organisation] = await Promise.all([
    loadNotificationPreferences(db, [userId]),
    db.selectFrom("users").select("time_zone").where("id", "=", userId).executeTakeFirst(),
    getOrganisationSettings(db),
  ]);
  return { preferences: prefs.get(userId)!, timeZone: user?.time_zone ?? null, organisationTimeZone: organisation.timeZone };
}

/** Sets some preferences (the others keep their value) and, when given, the time zone ("" = the organisation's). */
export async function updateNotificationSettings(
  db: Kysely<DB>,
  userId: number,
  input: { preferences: Partial<Record<NotificationPreference, NotificationCadence>>; timeZone?: string | undefined },
  options: { allowed: readonly NotificationPreference[]; actorId?: number } = { allowed: NOTIFICATION_PREFERENCES },
): Promise<NotificationSettings> {
  const entries = Object.entries(input.preferences) as Array<[NotificationPreference, NotificationCadence]>;
  for (const [preference] of entries) {
    if (!options.allowed.includes(preference)) {
      throw new AppError("FORBIDDEN", { userMessage: "That notification setting is not yours to change." });
    }
  }
  const timeZone = input.timeZone === undefined ? undefined : input.timeZone.trim() || null;
  if (timeZone && !isTimeZone(timeZone)) {
    throw new AppError("BAD_REQUEST", {
      userMessage: "Choose a time zone from the list",
      fieldErrors: { timeZone: ["Choose a time zone from the list (for example Europe/London)"] },
    });
  }
  await db.transaction().execute(async (trx) => {
    const before = await loadNotificationPreferences(trx, [userId]);
    const now = new Date();
    for (const [preference, cadence] of entries) {
      await trx
        .insertInto("notification_preferences")
        .values({ user_id: userId, preference, cadence, updated_at: now })
        .onConflict((oc) => oc.columns(["user_id", "preference"]).doUpdateSet({ cadence, updated_at: now }))
        .execute();
    }
    // Rows still waiting take the new choice.
    await trx.updateTable("notifications").set({ mail_cadence: null }).where("user_id", "=", userId).where("mail_state", "=", "pending").execute();
    if (timeZone !== undefined) await trx.updateTable("users").set({ time_zone: timeZone }).where("id", "=", userId).execute();
    await appendAudit(trx, {
      actorId: options.actorId ?? userId,
      action: "notification.settings",
      targetType: "user",
      targetId: userId,
      before: before.get(userId),
      after: { ...Object.fromEntries(entries), ...(timeZone !== undefined ? { timeZone } : {}) },
    });
  });
  return getNotificationSettings(db, userId);
}
