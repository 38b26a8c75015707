import type { TRPCRouterRecord } from "@trpc/server";
import { getPlanFigures } from "@planpulse/core";
import { publicProcedure } from "../trpc";

export const engagementRouter = {
  /** Supports, priority shares and stance shares for every objective, plus the viewer's own (if signed in). */
  figures: publicProcedure.query(({ ctx }) => getPlanFigures(ctx.db, ctx.user?.id ?? null)),
} satisfies TRPCRouterRecord;
