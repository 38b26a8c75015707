import type { TRPCRouterRecord } from "@trpc/server";
import {
  addMilestone,
  bulkUpdateProgress,
  getObjectiveProgress,
  getProgressBoard,
  listProgressUpdatesBySlug,
  postProgressUpdate,
  retireMilestone,
  updateMilestone,
} from "@planpulse/core";
import {
  AddMilestoneSchema,
  BulkProgressSchema,
  BySlugSchema,
  MilestoneIdSchema,
  PostProgressUpdateSchema,
  UpdateMilestoneSchema,
} from "@planpulse/validators";
import { publicProcedure, staffProcedure } from "../trpc";

/** Progress reporting: staff for the domains assigned to them, admins for all. */
export const progressRouter = {
  board: staffProcedure.query(({ ctx }) => getProgressBoard(ctx.db, ctx.user)),
  objective: staffProcedure.input(BySlugSchema).query(({ ctx, input }) => getObjectiveProgress(ctx.db, ctx.user, input.slug)),
  bulkUpdate: staffProcedure.input(BulkProgressSchema).mutation(({ ctx, input }) => bulkUpdateProgress(ctx.db, ctx.user, input)),
  postUpdate: staffProcedure.input(PostProgressUpdateSchema).mutation(({ ctx, input }) => postProgressUpdate(ctx.db, ctx.user, input)),
  addMilestone: staffProcedure.input(AddMilestoneSchema).mutation(({ ctx, input }) => addMilestone(ctx.db, ctx.user, input)),
  updateMilestone: staffProcedure.input(UpdateMilestoneSchema).mutation(({ ctx, input }) => updateMilestone(ctx.db, ctx.user, input)),
  retireMilestone: staffProcedure.input(MilestoneIdSchema).mutation(({ ctx, input }) => retireMilestone(ctx.db, ctx.user, input)),
  /** The public timeline of an objective's progress updates (portal objective page). */
  timeline: publicProcedure.input(BySlugSchema).query(({ ctx, input }) => listProgressUpdatesBySlug(ctx.db, input.slug)),
} satisfies TRPCRouterRecord;
