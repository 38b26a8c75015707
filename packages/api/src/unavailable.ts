import { TRPCError } from "@trpc/server";
import { databaseUnavailableReason } from "@planpulse/db";

/** Seconds a client should wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

export const UNAVAILABLE_MESSAGE = "Plan Pulse is briefly unavailable. Please try again in a few seconds.";
const BUSY_MESSAGE = "Plan Pulse is very busy right now. Please try again in a few seconds.";

/**
 * True when an error (or anything in its cause chain, including a TRPCError wrapping it) means the
 * database cannot serve us at the moment: the request deserves a 503, not a 500.
 */
export function isServiceUnavailable(error: unknown): boolean {
  if (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") return true;
  return databaseUnavailableReason(error) !== null;
}

/** The TRPCError for a database that is restarting, overloaded or too slow. */
export function serviceUnavailableError(cause: unknown): TRPCError {
  const reason = databaseUnavailableReason(cause);
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: reason === "busy" ? BUSY_MESSAGE : UNAVAILABLE_MESSAGE, cause });
}

// Requests (by their load context) during which the database failed; entry.server reads this to
// answer with a 503 page instead of the generic error boundary.
const unavailableRequests = new WeakSet<object>();

export function markServiceUnavailable(scope: object): void {
  unavailableRequests.add(scope);
}

export function wasServiceUnavailable(scope: object): boolean {
  return unavailableRequests.has(scope);
}

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Briefly unavailable · Plan Pulse</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#1f2937;max-width:36rem;margin:4rem auto;padding:0 1rem}h1{font-size:1.5rem}a{color:#1d4ed8}</style>
</head>
<body><main><h1>Plan Pulse is briefly unavailable</h1>
<p>We could not reach our database for a moment. Nothing you sent has been lost if you saw it confirmed.</p>
<p>Please <a href="">try again</a> in a few seconds.</p></main></body>
</html>`;

function unavailableHeaders(contentType: string): Headers {
  return new Headers({ "Content-Type": contentType, "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" });
}

/** A plain HTML 503 for document requests. */
export function serviceUnavailablePage(): Response {
  return new Response(PAGE, { status: 503, statusText: "Service Unavailable", headers: unavailableHeaders("text/html; charset=utf-8") });
}

/** A JSON 503 for data and API requests. */
export function serviceUnavailableJson(): Response {
  return Response.json(
    { error: { code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, retryAfterSeconds: RETRY_AFTER_SECONDS } },
    { status: 503, headers: unavailableHeaders("application/json") },
  );
}
