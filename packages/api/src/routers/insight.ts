import type { TRPCRouterRecord } from "@trpc/server";
import { exportDashboardCsv, exportObjectiveCommentsCsv, getDashboard, getObjectiveInsight, getPublicDashboard } from "@planpulse/core";
import { DashboardExportSchema, DashboardInputSchema, ObjectiveInsightInputSchema } from "@planpulse/validators";
import { leaderProcedure, publicProcedure } from "../trpc";

export const insightRouter = {
  /** The leadership dashboard (leader and admin). */
  dashboard: leaderProcedure.input(DashboardInputSchema).query(({ ctx, input }) => getDashboard(ctx.db, input)),
  /** One objective's drill-down: signals, segments, stance around updates, the comments behind them. */
  objective: leaderProcedure.input(ObjectiveInsightInputSchema).query(({ ctx, input }) => getObjectiveInsight(ctx.db, input)),
  /** A dashboard table as CSV. */
  exportCsv: leaderProcedure.input(DashboardExportSchema).query(({ ctx, input }) => exportDashboardCsv(ctx.db, input)),
  /** The comments behind a drill-down, same filters, as CSV. */
  exportComments: leaderProcedure.input(ObjectiveInsightInputSchema).query(({ ctx, input }) => exportObjectiveCommentsCsv(ctx.db, input)),
  /** The public Strategic Plan Dashboard: progress and engagement counts, no sign-in. */
  publicDashboard: publicProcedure.query(({ ctx }) => getPublicDashboard(ctx.db)),
} satisfies TRPCRouterRecord;
