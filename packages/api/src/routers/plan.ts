import type { TRPCRouterRecord } from "@trpc/server";
import { getPlan } from "@planpulse/core";
import { publicProcedure } from "../trpc";

export const planRouter = {
  get: publicProcedure.query(({ ctx }) => getPlan(ctx.db)),
} satisfies TRPCRouterRecord;
