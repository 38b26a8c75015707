import type { TRPCRouterRecord } from "@trpc/server";
import { assertEmailVerified, toggleSupport } from "@planpulse/core";
import { ToggleSupportSchema } from "@planpulse/validators";
import { memberProcedure } from "../trpc";

export const voteRouter = {
  /** Adds or removes the member's support; answers with the new state and the exact count. */
  toggle: memberProcedure.input(ToggleSupportSchema).mutation(({ ctx, input }) => {
    assertEmailVerified(ctx.user);
    return toggleSupport(ctx.db, { userId: ctx.user.id, objectiveId: input.objectiveId, supported: input.supported });
  }),
} satisfies TRPCRouterRecord;
