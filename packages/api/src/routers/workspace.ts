import type { TRPCRouterRecord } from "@trpc/server";
import { getWorkspaceOverview } from "@planpulse/core";
import { workspaceProcedure } from "../trpc";

export const workspaceRouter = {
  overview: workspaceProcedure.query(({ ctx }) => getWorkspaceOverview(ctx.db)),
} satisfies TRPCRouterRecord;
