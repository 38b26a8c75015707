import type { TRPCRouterRecord } from "@trpc/server";
import { assertEmailVerified, getMyPriorities, savePriorities, setPriorityPoints } from "@planpulse/core";
import { SavePrioritiesSchema, SetPriorityPointsSchema } from "@planpulse/validators";
import { memberProcedure } from "../trpc";

export const priorityRouter = {
  mine: memberProcedure.query(({ ctx }) => getMyPriorities(ctx.db, ctx.user.id)),
  /** Points on one objective, within the budget (PRIORITY_POINTS_* in @planpulse/validators/domain). */
  set: memberProcedure.input(SetPriorityPointsSchema).mutation(({ ctx, input }) => {
    assertEmailVerified(ctx.user);
    return setPriorityPoints(ctx.db, ctx.user.id, input);
  }),
  /** The whole allocation at once (the /priorities form). */
  save: memberProcedure.input(SavePrioritiesSchema).mutation(({ ctx, input }) => {
    assertEmailVerified(ctx.user);
    return savePriorities(ctx.db, ctx.user.id, input);
  }),
} satisfies TRPCRouterRecord;
