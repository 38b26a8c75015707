import type { TRPCRouterRecord } from "@trpc/server";
import {
  checkUnsubscribeToken,
  getNotificationSettings,
  runNotificationMail,
  listNotifications,
  markNotificationsAsRead,
  registerNotificationListeners,
  setObjectiveFollow,
  unreadNotificationCount,
  unsubscribeWithToken,
  updateNotificationSettings,
} from "@planpulse/core";
import {
  FollowObjectiveSchema,
  MarkNotificationsReadSchema,
  MEMBER_NOTIFICATION_PREFERENCES,
  ModeratorAlertSettingsSchema,
  NotificationSettingsSchema,
  UnsubscribeTokenSchema,
} from "@planpulse/validators";
import { adminProcedure, memberProcedure, moderatorProcedure, publicProcedure } from "../trpc";

// Progress updates notify followers once the API is served.
registerNotificationListeners();

export const notificationRouter = {
  list: memberProcedure.query(({ ctx }) => listNotifications(ctx.db, ctx.user.id)),
  /** The header badge: 0 for visitors rather than an error, so every page can ask. */
  unreadCount: publicProcedure.query(({ ctx }) => (ctx.user ? unreadNotificationCount(ctx.db, ctx.user.id) : 0)),
  markRead: memberProcedure.input(MarkNotificationsReadSchema).mutation(({ ctx, input }) => markNotificationsAsRead(ctx.db, ctx.user.id, input)),
  follow: memberProcedure.input(FollowObjectiveSchema).mutation(({ ctx, input }) => setObjectiveFollow(ctx.db, ctx.user.id, input)),
  /** Mail per kind of notification (at once, daily, weekly, off) and the member's time zone for digests. */
  settings: memberProcedure.query(({ ctx }) => getNotificationSettings(ctx.db, ctx.user.id)),
  updateSettings: memberProcedure
    .input(NotificationSettingsSchema)
    .mutation(({ ctx, input }) => updateNotificationSettings(ctx.db, ctx.user.id, input, { allowed: MEMBER_NOTIFICATION_PREFERENCES })),
  /** Moderators' alerts for new flags and held comments. */
  alertSettings: moderatorProcedure.query(async ({ ctx }) => ({ cadence: (await getNotificationSettings(ctx.db, ctx.user.id)).preferences.moderator_alerts })),
  updateAlertSettings: moderatorProcedure.input(ModeratorAlertSettingsSchema).mutation(async ({ ctx, input }) => {
    const settings = await updateNotificationSettings(
      ctx.db,
      ctx.user.id,
      { preferences: { moderator_alerts: input.cadence } },
      { allowed: ["moderator_alerts"] },
    );
    return { cadence: settings.preferences.moderator_alerts };
  }),
  /** Operators: every pending digest and notification message now (as `pnpm notify:digests -- --now`). */
  sendDueNow: adminProcedure.mutation(({ ctx }) => runNotificationMail(ctx.db, { force: true, digests: true })),
  /** One-click unsubscribe from a mail link: no sign-in, the signed token is the authority. */
  unsubscribeCheck: publicProcedure.input(UnsubscribeTokenSchema).query(({ ctx, input }) => checkUnsubscribeToken(ctx.db, input.token)),
  unsubscribe: publicProcedure.input(UnsubscribeTokenSchema).mutation(({ ctx, input }) => unsubscribeWithToken(ctx.db, input.token)),
} satisfies TRPCRouterRecord;
