import { z } from "zod";
import { MEMBER_NOTIFICATION_PREFERENCES, NOTIFICATION_CADENCES } from "./domain";
import { text } from "./text";

const CadenceSchema = z.enum(NOTIFICATION_CADENCES, { error: "Choose at once, daily digest, weekly digest or off" });

/** The member's notification settings form: a cadence per preference, and a time zone ("" = the organisation's). */
export const NotificationSettingsSchema = z.object({
  preferences: z
    .object(
      Object.fromEntries(MEMBER_NOTIFICATION_PREFERENCES.map((p) => [p, CadenceSchema.optional()])) as Record<
        (typeof MEMBER_NOTIFICATION_PREFERENCES)[number],
        z.ZodOptional<typeof CadenceSchema>
      >,
    )
    .strict(),
  timeZone: text().max(64, "Choose a time zone from the list").optional(),
});
export type NotificationSettingsInput = z.infer<typeof NotificationSettingsSchema>;

/** A moderator's alerts for new flags and held comments. */
export const ModeratorAlertSettingsSchema = z.object({ cadence: CadenceSchema });

/** An unsubscribe link's token: checked (signature, expiry, account) by the use-case, never trusted. */
export const UnsubscribeTokenSchema = z.object({ token: text().max(200, "That unsubscribe link is not valid") });
