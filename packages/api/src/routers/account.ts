import type { TRPCRouterRecord } from "@trpc/server";
import { serializeBlankSessionCookie } from "@planpulse/auth";
import { changeEmail, deleteMyAccount, exportMyData, getMemberProfile, getMyActivity, updateMemberProfile } from "@planpulse/core";
import { ChangeEmailSchema, DeleteAccountSchema, MemberProfileSchema } from "@planpulse/validators";
import { memberProcedure } from "../trpc";

export const accountRouter = {
  activity: memberProcedure.query(({ ctx }) => getMyActivity(ctx.db, ctx.user.id)),
  profile: memberProcedure.query(({ ctx }) => getMemberProfile(ctx.db, ctx.user.id)),
  updateProfile: memberProcedure.input(MemberProfileSchema).mutation(({ ctx, input }) => updateMemberProfile(ctx.db, ctx.user.id, input)),
  /** A new address must be verified again; the old one is told. */
  changeEmail: memberProcedure
    .input(ChangeEmailSchema)
    .mutation(({ ctx, input }) => changeEmail(ctx.db, ctx.user.id, { ...input, origin: new URL(ctx.request.url).origin })),
  export: memberProcedure.query(({ ctx }) => exportMyData(ctx.db, ctx.user.id)),
  delete: memberProcedure.input(DeleteAccountSchema).mutation(async ({ ctx, input }) => {
    await deleteMyAccount(ctx.db, ctx.user.id, input.password);
    ctx.setCookie(serializeBlankSessionCookie({ secure: ctx.secureCookies }));
    return { deleted: true };
  }),
} satisfies TRPCRouterRecord;
