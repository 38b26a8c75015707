import type { TRPCRouterRecord } from "@trpc/server";
import { serializeBlankSessionCookie, serializeSessionCookie } from "@planpulse/auth";
import {
  changePassword,
  inspectAccountToken,
  requestPasswordReset,
  resendEmailVerification,
  resetPassword,
  signIn,
  signOut,
  signUp,
  verifyEmail,
  type SignedIn,
} from "@planpulse/core";
import { ChangePasswordSchema, ForgotPasswordSchema, ResetPasswordSchema, SignInSchema, SignUpSchema, TokenInputSchema } from "@planpulse/validators";
import type { ApiContext } from "../context";
import { memberProcedure, publicProcedure } from "../trpc";

function startSession(ctx: ApiContext, signedIn: SignedIn) {
  ctx.setCookie(serializeSessionCookie(signedIn.token, signedIn.session.expires_at, { secure: ctx.secureCookies }));
  return { id: signedIn.user.id, displayName: signedIn.user.display_name, role: signedIn.user.role };
}

const originOf = (ctx: ApiContext) => new URL(ctx.request.url).origin;

export const authRouter = {
  signUp: publicProcedure
    .input(SignUpSchema)
    .mutation(async ({ ctx, input }) => startSession(ctx, await signUp(ctx.db, { ...input, ip: ctx.clientIp }, { origin: originOf(ctx) }))),
  signIn: publicProcedure.input(SignInSchema).mutation(async ({ ctx, input }) => startSession(ctx, await signIn(ctx.db, { ...input, ip: ctx.clientIp }))),
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await signOut(ctx.db, ctx.session.id);
    ctx.setCookie(serializeBlankSessionCookie({ secure: ctx.secureCookies }));
    return { signedOut: true };
  }),
  changePassword: memberProcedure.input(ChangePasswordSchema).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.db, { userId: ctx.user.id, sessionId: ctx.session.id }, input);
    return { changed: true };
  }),
  /** Email verification: the link's page checks the token (changes nothing), its button uses it. */
  verificationLink: publicProcedure.input(TokenInputSchema).query(({ ctx, input }) => inspectAccountToken(ctx.db, "verify_email", input.token)),
  verifyEmail: publicProcedure.input(TokenInputSchema).mutation(({ ctx, input }) => verifyEmail(ctx.db, input.token)),
  resendVerification: memberProcedure.mutation(({ ctx }) => resendEmailVerification(ctx.db, ctx.user.id, originOf(ctx))),
  /** Forgot password: the same answer whether or not the address has an account. */
  requestPasswordReset: publicProcedure
    .input(ForgotPasswordSchema)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.db, { email: input.email, ip: ctx.clientIp, origin: originOf(ctx) })),
  resetLink: publicProcedure.input(TokenInputSchema).query(({ ctx, input }) => inspectAccountToken(ctx.db, "reset_password", input.token)),
  resetPassword: publicProcedure.input(ResetPasswordSchema).mutation(({ ctx, input }) => resetPassword(ctx.db, { ...input, origin: originOf(ctx) })),
} satisfies TRPCRouterRecord;
