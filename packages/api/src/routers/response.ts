import type { TRPCRouterRecord } from "@trpc/server";
import { getResponseTimes, listRespondableObjectives, listResponseQueue, postOfficialResponse, postStaffReply } from "@planpulse/core";
import { OfficialResponseSchema, ResponseQueueSchema, StaffReplySchema } from "@planpulse/validators";
import { leaderProcedure, staffProcedure } from "../trpc";

export const responseRouter = {
  queue: staffProcedure.input(ResponseQueueSchema).query(({ ctx, input }) => listResponseQueue(ctx.db, ctx.user, input)),
  objectives: staffProcedure.query(({ ctx }) => listRespondableObjectives(ctx.db, ctx.user)),
  reply: staffProcedure.input(StaffReplySchema).mutation(({ ctx, input }) => postStaffReply(ctx.db, ctx.user, input)),
  official: staffProcedure.input(OfficialResponseSchema).mutation(({ ctx, input }) => postOfficialResponse(ctx.db, ctx.user, input)),
  /** Median time to first staff response, for staff and for leadership's reports. */
  times: staffProcedure.query(({ ctx }) => getResponseTimes(ctx.db)),
  timesForLeadership: leaderProcedure.query(({ ctx }) => getResponseTimes(ctx.db)),
} satisfies TRPCRouterRecord;
