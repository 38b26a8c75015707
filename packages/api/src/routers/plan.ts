import type { TRPCRouterRecord } from "@trpc/server";
import { compareCycles, getCyclePlan, getPlan, listCycles } from "@planpulse/core";
import { CompareCyclesSchema, CycleSlugParamSchema } from "@planpulse/validators";
import { leaderProcedure, publicProcedure } from "../trpc";

export const planRouter = {
  get: publicProcedure.query(({ ctx }) => getPlan(ctx.db)),
  /** Every plan cycle, newest first (the current one and the archived, read-only ones). */
  cycles: publicProcedure.query(({ ctx }) => listCycles(ctx.db)),
  /** One cycle's plan by its slug: the archive at /plans/<cycle>. */
  cycle: publicProcedure.input(CycleSlugParamSchema).query(({ ctx, input }) => getCyclePlan(ctx.db, input.cycleSlug)),
  /** Two cycles side by side per domain (leadership dashboard). */
  compareCycles: leaderProcedure.input(CompareCyclesSchema).query(({ ctx, input }) => compareCycles(ctx.db, input)),
} satisfies TRPCRouterRecord;
