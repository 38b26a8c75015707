import type { TRPCRouterRecord } from "@trpc/server";
import { serializeBlankSessionCookie } from "@planpulse/auth";
import { deleteMyAccount, exportMyData, getMemberAnswers, getMyActivity, updateMyAnswers } from "@planpulse/core";
import { DeleteAccountSchema, MemberAnswersSchema } from "@planpulse/validators";
import { memberProcedure } from "../trpc";

export const accountRouter = {
  activity: memberProcedure.query(({ ctx }) => getMyActivity(ctx.db, ctx.user.id)),
  /** The association's profile questions with the member's answers. */
  profile: memberProcedure.query(({ ctx }) => getMemberAnswers(ctx.db, ctx.user.id)),
  updateProfile: memberProcedure.input(MemberAnswersSchema).mutation(({ ctx, input }) => updateMyAnswers(ctx.db, ctx.user.id, input)),
  export: memberProcedure.query(({ ctx }) => exportMyData(ctx.db, ctx.user.id)),
  delete: memberProcedure.input(DeleteAccountSchema).mutation(async ({ ctx, input }) => {
    await deleteMyAccount(ctx.db, ctx.user.id, input.password);
    ctx.setCookie(serializeBlankSessionCookie({ secure: ctx.secureCookies }));
    return { deleted: true };
  }),
} satisfies TRPCRouterRecord;
