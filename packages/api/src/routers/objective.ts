import type { TRPCRouterRecord } from "@trpc/server";
import { getObjective } from "@planpulse/core";
import { BySlugSchema } from "@planpulse/validators";
import { publicProcedure } from "../trpc";

export const objectiveRouter = {
  get: publicProcedure.input(BySlugSchema).query(({ ctx, input }) => getObjective(ctx.db, input.slug)),
} satisfies TRPCRouterRecord;
