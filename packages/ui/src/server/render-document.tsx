import { Writable } from "node:stream";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "../nonce";

/** A document that has not finished rendering by then is cut short (Remix aborts its promises). */
export const DOCUMENT_TIMEOUT_MS = 5_000;

export type DocumentRequest = {
  request: Request;
  status: number;
  headers: Headers;
  remixContext: Parameters<typeof RemixServer>[0]["context"];
  /** The CSP nonce the host put in this response's Content-Security-Policy header. */
  nonce: string;
};

/**
 * Renders the whole document, then answers with it in one piece (with a Content-Length).
 *
 * No route streams deferred data, so streaming the shell early bought nothing, and it cost a lot:
 * React writes ~2 KB chunks, each one went through its own gzip call and socket write. Buffering
 * doubled the throughput of every page (measured in docs/decisions/011).
 */
export function renderDocument({ request, status, headers, remixContext, nonce }: DocumentRequest): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    let responseStatus = status;
    let settled = false;
    let shellDone = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
        callback();
      },
      final(callback) {
        callback();
        if (settled) return;
        settled = true;
        const body = Buffer.concat(chunks);
        headers.set("Content-Type", "text/html; charset=utf-8");
        headers.set("Content-Length", String(body.byteLength));
        resolve(new Response(body, { status: responseStatus, headers }));
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} abortDelay={DOCUMENT_TIMEOUT_MS} />
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady: () => {
          shellDone = true;
        },
        onAllReady: () => pipe(sink),
        onShellError(error: unknown) {
          settled = true;
          reject(error);
        },
        onError(error: unknown) {
          responseStatus = 500;
          // Before the shell is done the error reaches Remix through onShellError; after, only here.
          if (shellDone) console.error(error);
        },
      },
    );
    setTimeout(abort, DOCUMENT_TIMEOUT_MS + 1_000).unref();
  });
}
