import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import {
  isServiceUnavailable,
  markServiceUnavailable,
  serviceUnavailableJson,
  serviceUnavailablePage,
  wasServiceUnavailable,
} from "@planpulse/api";
import { NonceContext } from "./nonce";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A loader failed because the database is restarting or overloaded: a clear 503 page, not a 500.
  if (wasServiceUnavailable(loadContext)) return serviceUnavailablePage();

  const nonce = loadContext.cspNonce ?? "";
  // Crawlers (and SPA mode) get the whole document at once; browsers get the shell streamed early.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady: waitForAll ? undefined : ready,
        onAllReady: waitForAll ? ready : undefined,
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          // Shell errors reject and are reported by Remix; only log what breaks after streaming began.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) =>
  wasServiceUnavailable(context) ? serviceUnavailableJson() : response;

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (isServiceUnavailable(error)) {
    markServiceUnavailable(context);
    return;
  }
  // A 404 for an unknown address is an answer, not a fault; an aborted request is the client's choice.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  console.error(error);
};
