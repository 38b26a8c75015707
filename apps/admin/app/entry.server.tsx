import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { serviceUnavailablePage, wasServiceUnavailable } from "@planpulse/api";
import { DOCUMENT_TIMEOUT_MS, renderDocument } from "@planpulse/ui/server";

export { handleDataRequest, handleError } from "@planpulse/api";

/** How long Remix waits for a loader's promises before it rejects them. */
export const streamTimeout = DOCUMENT_TIMEOUT_MS;

export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A loader failed because the database is restarting or overloaded: a clear 503 page, not a 500.
  if (wasServiceUnavailable(loadContext)) return serviceUnavailablePage();
  return renderDocument({ request, status, headers, remixContext, nonce: loadContext.cspNonce ?? "" });
}
