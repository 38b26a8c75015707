import type { TRPCRouterRecord } from "@trpc/server";
import { serializeBlankSessionCookie } from "@planpulse/auth";
import { deleteMyAccount, exportMyData, getMemberProfile, getMyActivity, updateMemberProfile } from "@planpulse/core";
import { DeleteAccountSchema, MemberProfileSchema } from "@planpulse/validators";
import { memberProcedure, selfServiceProcedure } from "../trpc";

export const accountRouter = {
  activity: memberProcedure.query(({ ctx }) => getMyActivity(ctx.db, ctx.user.id)),
  profile: memberProcedure.query(({ ctx }) => getMemberProfile(ctx.db, ctx.user.id)),
  updateProfile: memberProcedure.input(MemberProfileSchema).mutation(({ ctx, input }) => updateMemberProfile(ctx.db, ctx.user.id, input)),
  export: selfServiceProcedure.query(({ ctx }) => exportMyData(ctx.db, ctx.user.id)),
  delete: selfServiceProcedure.input(DeleteAccountSchema).mutation(async ({ ctx, input }) => {
    await deleteMyAccount(ctx.db, ctx.user.id, input.password);
    ctx.setCookie(serializeBlankSessionCookie({ secure: ctx.secureCookies }));
    return { deleted: true };
  }),
} satisfies TRPCRouterRecord;
