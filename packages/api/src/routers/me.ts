import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const meRouter = {
  /** The signed-in account, or null for a visitor. */
  get: publicProcedure.query(({ ctx }) =>
    ctx.user
      ? {
          id: ctx.user.id,
          email: ctx.user.email,
          displayName: ctx.user.display_name,
          handle: ctx.user.handle,
          hasPassword: ctx.user.password_hash !== null,
          role: ctx.user.role,
          suspended: ctx.user.suspended_at !== null,
          emailVerified: ctx.user.email_verified_at !== null,
        }
      : null,
  ),
} satisfies TRPCRouterRecord;
