import type { TRPCRouterRecord } from "@trpc/server";
import { assertEmailVerified, setStance } from "@planpulse/core";
import { SetStanceSchema } from "@planpulse/validators";
import { memberProcedure } from "../trpc";

export const stanceRouter = {
  set: memberProcedure.input(SetStanceSchema).mutation(({ ctx, input }) => {
    assertEmailVerified(ctx.user);
    return setStance(ctx.db, { userId: ctx.user.id, objectiveId: input.objectiveId, stance: input.stance });
  }),
} satisfies TRPCRouterRecord;
