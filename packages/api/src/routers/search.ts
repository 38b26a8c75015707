import type { TRPCRouterRecord } from "@trpc/server";
import { searchPlan } from "@planpulse/core";
import { SearchSchema } from "@planpulse/validators";
import { publicProcedure } from "../trpc";

export const searchRouter = {
  plan: publicProcedure.input(SearchSchema).query(({ ctx, input }) => searchPlan(ctx.db, input)),
} satisfies TRPCRouterRecord;
