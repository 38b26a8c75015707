import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { getLiveObjectiveSnapshot } from "@planpulse/core";
import { LiveObjectiveSchema } from "@planpulse/validators";
import { moderatorProcedure, publicProcedure, staffProcedure, SUSPENDED_MESSAGE } from "../trpc";

/**
 * The host's live-events route asks these once, when a page opens its event stream: each is
 * authorised like the page it serves. The stream itself carries only what the answer allows.
 */
export const liveRouter = {
  /** An objective page's public figures; a suspended account sees no pages, so no stream either. */
  objective: publicProcedure.input(LiveObjectiveSchema).query(({ ctx, input }) => {
    if (ctx.user?.suspended_at) throw new TRPCError({ code: "FORBIDDEN", message: SUSPENDED_MESSAGE });
    return getLiveObjectiveSnapshot(ctx.db, { slug: input.slug });
  }),
  /** The moderation queue's stream: moderators, like the queue. */
  moderationQueue: moderatorProcedure.query(() => ({ allowed: true as const })),
  /** The responses queue's stream: staff, like the queue. */
  responseQueue: staffProcedure.query(() => ({ allowed: true as const })),
} satisfies TRPCRouterRecord;
