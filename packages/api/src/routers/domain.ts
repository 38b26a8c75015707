import type { TRPCRouterRecord } from "@trpc/server";
import { getDomain, getPlan } from "@planpulse/core";
import { BySlugSchema } from "@planpulse/validators";
import { publicProcedure } from "../trpc";

export const domainRouter = {
  list: publicProcedure.query(async ({ ctx }) => (await getPlan(ctx.db)).domains),
  get: publicProcedure.input(BySlugSchema).query(({ ctx, input }) => getDomain(ctx.db, input.slug)),
} satisfies TRPCRouterRecord;
