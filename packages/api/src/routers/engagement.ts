import type { TRPCRouterRecord } from "@trpc/server";
import { getPlanFigures } from "@planpulse/core";
import { CycleSlugSchema, z } from "@planpulse/validators";
import { publicProcedure } from "../trpc";

export const engagementRouter = {
  /** Supports, priority shares and stance shares for every objective, plus the viewer's own (if signed in). */
  figures: publicProcedure
    .input(z.object({ cycleSlug: CycleSlugSchema.optional() }).optional())
    .query(({ ctx, input }) => getPlanFigures(ctx.db, ctx.user?.id ?? null, { cycleSlug: input?.cycleSlug })),
} satisfies TRPCRouterRecord;
