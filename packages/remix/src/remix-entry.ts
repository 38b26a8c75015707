import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { DOCUMENT_TIMEOUT_MS, renderDocument } from "@planpulse/ui/server";
import {
  isServiceUnavailable,
  markServiceUnavailable,
  serviceUnavailableJson,
  serviceUnavailablePage,
  wasServiceUnavailable,
  type PlanPulseLoadContext,
} from "@planpulse/api";

/**
 * Both apps' server entry (`app/entry.server.tsx` re-exports this module): documents are rendered
 * whole with the response's CSP nonce; a loader that found the database unavailable gets a clear
 * 503 page instead of the error boundary.
 */
export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  if (wasServiceUnavailable(loadContext)) return serviceUnavailablePage();
  return renderDocument({ request, status, headers, remixContext, nonce: (loadContext as PlanPulseLoadContext).cspNonce ?? "" });
}

/** How long Remix waits for a loader's promises before it rejects them. */
export const streamTimeout = DOCUMENT_TIMEOUT_MS;

/** A data request (single fetch) whose loader found the database unavailable answers 503 with Retry-After. */
export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => (wasServiceUnavailable(context) ? serviceUnavailableJson() : response);

/** Remix's error responses (thrown `Response`s turned into route errors) carry a status and `internal`. */
function isErrorResponse(error: unknown): error is { status: number } {
  return typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number" && "internal" in error;
}

/**
 * Logs what is a fault. A 404 for an unknown address is an answer, an aborted request is the
 * client's choice, and a database outage is answered with a 503 by the document entry.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (isServiceUnavailable(error)) {
    markServiceUnavailable(context);
    return;
  }
  if (request.signal.aborted || (isErrorResponse(error) && error.status < 500)) return;
  if (error instanceof Response && error.status < 500) return;
  console.error(error);
};
