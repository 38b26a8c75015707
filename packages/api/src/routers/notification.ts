import type { TRPCRouterRecord } from "@trpc/server";
import {
  getObjectiveFollow,
  listNotifications,
  markNotificationsAsRead,
  registerNotificationListeners,
  setObjectiveFollow,
  unreadNotificationCount,
} from "@planpulse/core";
import { BySlugSchema, FollowObjectiveSchema, MarkNotificationsReadSchema } from "@planpulse/validators";
import { memberProcedure, publicProcedure } from "../trpc";

// Progress updates notify followers once the API is served.
registerNotificationListeners();

export const notificationRouter = {
  list: memberProcedure.query(({ ctx }) => listNotifications(ctx.db, ctx.user.id)),
  /** The header badge: 0 for visitors rather than an error, so every page can ask. */
  unreadCount: publicProcedure.query(({ ctx }) => (ctx.user ? unreadNotificationCount(ctx.db, ctx.user.id) : 0)),
  markRead: memberProcedure.input(MarkNotificationsReadSchema).mutation(({ ctx, input }) => markNotificationsAsRead(ctx.db, ctx.user.id, input)),
  followState: publicProcedure
    .input(BySlugSchema)
    .query(async ({ ctx, input }) => (ctx.user ? getObjectiveFollow(ctx.db, ctx.user.id, input.slug) : { following: false })),
  follow: memberProcedure.input(FollowObjectiveSchema).mutation(({ ctx, input }) => setObjectiveFollow(ctx.db, ctx.user.id, input)),
} satisfies TRPCRouterRecord;
