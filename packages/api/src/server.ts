import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import { createApiContext, type ApiContext, type RequestEnvironment } from "./context";
import { appRouter, createCaller } from "./root";
import { isServiceUnavailable, RETRY_AFTER_SECONDS, serviceUnavailableError } from "./unavailable";

const contexts = new WeakMap<object, Promise<ApiContext>>();

/**
 * One context per request, however many loaders ask: the session is validated once. `scope` is the
 * object that lives exactly as long as the request (Remix's load context).
 */
export function contextFor(scope: object, env: RequestEnvironment, request: Request): Promise<ApiContext> {
  let context = contexts.get(scope);
  if (!context) {
    context = createApiContext(env, request);
    contexts.set(scope, context);
  }
  return context;
}

/** The server-side caller loaders and actions use: same procedures, same checks, no HTTP. */
export async function callerFor(scope: object, env: RequestEnvironment, request: Request) {
  return createCaller(await contextFor(scope, env, request));
}

export type Caller = Awaited<ReturnType<typeof callerFor>>;

/** The most calls one /api/trpc request may carry (the portal's batch link sends at most this many). */
export const MAX_BATCH_SIZE = 10;
/** Procedures that check a password or create an account are answered one per request: never batched. */
const UNBATCHED = [/^auth\./, /^people\.acceptInvitation/];

/** True when a batched /api/trpc request names a procedure that must not be batched. */
export function batchesUnbatchable(request: Request): boolean {
  const url = new URL(request.url);
  if (url.searchParams.get("batch") !== "1") return false;
  const paths = decodeURIComponent(url.pathname.replace(/^.*\/api\/trpc\/?/, "")).split(",");
  return paths.some((path) => UNBATCHED.some((pattern) => pattern.test(path)));
}

/** Serves /api/trpc/* for an app. */
export function handleTrpcRequest(scope: object, env: RequestEnvironment, request: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // Batching is capped, and off altogether for sign-in, sign-up and invitation acceptance: one
    // password guess per HTTP request, so the per-request limits apply to every guess.
    allowBatching: !batchesUnbatchable(request),
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: async () => {
      try {
        return await contextFor(scope, env, request);
      } catch (error) {
        // Validating the session needs the database: when it is down, say so (503), not 500.
        if (isServiceUnavailable(error)) throw serviceUnavailableError(error);
        throw error;
      }
    },
    responseMeta({ errors }) {
      if (errors.some((error) => error.code === "SERVICE_UNAVAILABLE")) {
        return { headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } };
      }
      return {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
    },
  });
}

export type HttpProblem = { status: number; message: string; fieldErrors: Record<string, string[]> | null };

const STATUS_BY_CODE: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

/** Turns what a caller threw into what a loader or action should answer; unknown errors rethrow. */
export function toHttpProblem(error: unknown): HttpProblem {
  if (!(error instanceof TRPCError)) {
    if (isServiceUnavailable(error)) return { status: 503, message: serviceUnavailableError(error).message, fieldErrors: null };
    throw error;
  }
  const status = STATUS_BY_CODE[error.code];
  if (!status) throw error;
  const cause = error.cause as { fieldErrors?: Record<string, string[]> } | undefined;
  let fieldErrors = cause?.fieldErrors ?? null;
  let message = error.message;
  if (error.cause && "issues" in error.cause) {
    const issues = (error.cause as unknown as { issues: Array<{ path: PropertyKey[]; message: string }> }).issues;
    fieldErrors = {};
    for (const issue of issues) {
      const key = String(issue.path[0] ?? "form");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    message = "Some fields need another look.";
  }
  return { status, message, fieldErrors };
}
