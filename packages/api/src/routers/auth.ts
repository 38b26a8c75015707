import type { TRPCRouterRecord } from "@trpc/server";
import { serializeBlankSessionCookie, serializeSessionCookie } from "@planpulse/auth";
import { changePassword, signIn, signOut, signUp, type SignedIn } from "@planpulse/core";
import { ChangePasswordSchema, SignInSchema, SignUpSchema } from "@planpulse/validators";
import type { ApiContext } from "../context";
import { memberProcedure, publicProcedure } from "../trpc";

function startSession(ctx: ApiContext, signedIn: SignedIn) {
  ctx.setCookie(serializeSessionCookie(signedIn.token, signedIn.session.expires_at, { secure: ctx.secureCookies }));
  return { id: signedIn.user.id, displayName: signedIn.user.display_name, role: signedIn.user.role };
}

export const authRouter = {
  signUp: publicProcedure.input(SignUpSchema).mutation(async ({ ctx, input }) => startSession(ctx, await signUp(ctx.db, { ...input, ip: ctx.clientIp }))),
  signIn: publicProcedure
    .input(SignInSchema)
    .mutation(async ({ ctx, input }) => startSession(ctx, await signIn(ctx.db, { ...input, ip: ctx.clientIp }))),
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await signOut(ctx.db, ctx.session.id);
    ctx.setCookie(serializeBlankSessionCookie({ secure: ctx.secureCookies }));
    return { signedOut: true };
  }),
  changePassword: memberProcedure.input(ChangePasswordSchema).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.db, { userId: ctx.user.id, sessionId: ctx.session.id }, input);
    return { changed: true };
  }),
} satisfies TRPCRouterRecord;
