import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { can, type Capability } from "@planpulse/auth";
import { AppError, type AppErrorCode } from "@planpulse/core";
import { CAPABILITY_AUDIENCE } from "@planpulse/validators/domain";
import { z, ZodError } from "zod";
import type { ApiContext } from "./context";
import { isServiceUnavailable, serviceUnavailableError } from "./unavailable";

// 1. Context: see context.ts (session and user, or both null).

// 2. Initialisation: field errors from zod and from AppError reach the client; internals never do.
const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors =
      cause instanceof ZodError ? (z.flattenError(cause).fieldErrors as Record<string, string[]>) : cause instanceof AppError ? cause.fieldErrors : undefined;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: internal ? "Something went wrong on our side. Please try again." : cause instanceof ZodError ? "Some fields need another look." : shape.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors: fieldErrors ?? null },
    };
  },
});

const APP_TO_TRPC: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  BAD_REQUEST: "BAD_REQUEST",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** The one place an AppError becomes a TRPCError. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: APP_TO_TRPC[cause.code], message: cause.userMessage, cause });
  }
  // A restarting, overloaded or too-slow database is a 503 with Retry-After, never a 500.
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && isServiceUnavailable(result.error.cause)) {
    throw serviceUnavailableError(result.error.cause);
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. The only procedure builders routers may use.
export const publicProcedure = t.procedure.use(mapAppErrors);

/** Starts with @planpulse/ui's ACCOUNT_SUSPENDED_PREFIX: the apps show their suspended page for it. */
export const SUSPENDED_MESSAGE = "Your account is suspended. You can export or delete your own data; nothing else.";

/** Signed in, suspended or not: only the account holder's own-data procedures build on this. */
const signedInEvenIfSuspended = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  }
  return next({ ctx: { ...ctx, user: ctx.user, session: ctx.session } });
});

const signedIn = signedInEvenIfSuspended.use(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.user.suspended_at) {
    throw new TRPCError({ code: "FORBIDDEN", message: SUSPENDED_MESSAGE });
  }
  return next();
});

/** A role-gated procedure: a suspended account has no role powers at all, reads included. */
function requireCapability(capability: Capability) {
  return signedInEvenIfSuspended.use(({ ctx, next }) => {
    if (ctx.user.suspended_at) {
      throw new TRPCError({ code: "FORBIDDEN", message: SUSPENDED_MESSAGE });
    }
    if (!can(ctx.user.role, capability)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs ${CAPABILITY_AUDIENCE[capability]} access.` });
    }
    return next();
  });
}

/** Any signed-in account; suspended accounts may read their own data but not write. */
export const memberProcedure = signedIn;
/** The account holder's own data (export, delete): allowed while suspended. */
export const selfServiceProcedure = signedInEvenIfSuspended;
export const moderatorProcedure = requireCapability("moderate");
export const staffProcedure = requireCapability("respond");
export const leaderProcedure = requireCapability("lead");
export const adminProcedure = requireCapability("administer");
/** Anyone who may open the staff workspace (moderator, staff, leader, admin). */
export const workspaceProcedure = requireCapability("workspace");
