import type { TRPCRouterRecord } from "@trpc/server";
import { serializeBlankSessionCookie } from "@planpulse/auth";
import { changeEmail, changeMyHandle, deleteMyAccount, exportMyData, getMemberAnswers, getMyActivity, updateMyAnswers } from "@planpulse/core";
import { ChangeEmailSchema, ChangeHandleSchema, DeleteAccountSchema, MemberAnswersSchema } from "@planpulse/validators";
import { memberProcedure, selfServiceProcedure } from "../trpc";

export const accountRouter = {
  activity: memberProcedure.query(({ ctx }) => getMyActivity(ctx.db, ctx.user.id)),
  /** The association's profile questions with the member's answers. */
  profile: memberProcedure.query(({ ctx }) => getMemberAnswers(ctx.db, ctx.user.id)),
  updateProfile: memberProcedure.input(MemberAnswersSchema).mutation(({ ctx, input }) => updateMyAnswers(ctx.db, ctx.user.id, input)),
  /** A new address must be verified again; the old one is told. */
  changeEmail: memberProcedure
    .input(ChangeEmailSchema)
    .mutation(({ ctx, input }) => changeEmail(ctx.db, ctx.user.id, { ...input, origin: new URL(ctx.request.url).origin })),
  /** The member's @handle (field errors: taken, reserved, odd characters). */
  changeHandle: memberProcedure.input(ChangeHandleSchema).mutation(({ ctx, input }) => changeMyHandle(ctx.db, ctx.user.id, input.handle)),
  export: selfServiceProcedure.query(({ ctx }) => exportMyData(ctx.db, ctx.user.id)),
  delete: selfServiceProcedure.input(DeleteAccountSchema).mutation(async ({ ctx, input }) => {
    await deleteMyAccount(ctx.db, ctx.user.id, input);
    ctx.setCookie(serializeBlankSessionCookie({ secure: ctx.secureCookies }));
    return { deleted: true };
  }),
} satisfies TRPCRouterRecord;
