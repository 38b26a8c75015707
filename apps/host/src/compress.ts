import { gzipSync } from "node:zlib";
import compression from "compression";
import type { Request, Response as ExpressResponse } from "express";

/**
 * How answers are compressed (decision 027). Almost every answer is whole before it is sent (pages
 * are rendered into one buffer, API answers are small), and such an answer is gzipped in one
 * synchronous call: a compression stream per response, with its native handle, thread-pool round
 * trips and a flush per chunk, cost ≈ 1.2 ms of CPU for a 12 KB page where one call costs ≈ 0.06 ms.
 * Only a body larger than WHOLE_BODY_MAX_BYTES (an export) streams through the `compression`
 * middleware, which also skips answers under its 1 KB threshold.
 */
export const WHOLE_BODY_MAX_BYTES = 512 * 1024;
/** The middleware's threshold too: below it, the gzip header and trailer outweigh the savings. */
export const COMPRESS_MIN_BYTES = 1024;
/** zlib's default level; on whole pages of a few KB it costs no more CPU than level 1 here, and saves bytes. */
const GZIP_LEVEL = 6;

/** gzip listed and not refused (q=0). */
export function acceptsGzip(req: Request): boolean {
  const header = req.get("accept-encoding");
  if (!header) return false;
  return header.split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (name !== "gzip" && name !== "*") return false;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The streaming fallback: the middleware, at level 1 (a stream is compressed as it goes). */
export function streamingCompression() {
  return compression({ level: 1, threshold: COMPRESS_MIN_BYTES });
}

/**
 * Sends a whole body: gzipped here when the client takes gzip and the type is compressible (the
 * middleware's own filter), else as it is. Either way with its Content-Length, so the middleware
 * leaves it alone.
 */
export function sendWhole(req: Request, res: ExpressResponse, body: Buffer): void {
  const mayCompress =
    body.length >= COMPRESS_MIN_BYTES &&
    req.method !== "HEAD" &&
    !res.getHeader("Content-Encoding") &&
    !/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(String(res.getHeader("Cache-Control") ?? "")) &&
    compression.filter(req, res);
  if (mayCompress) res.vary("Accept-Encoding");
  const out = mayCompress && acceptsGzip(req) ? gzipSync(body, { level: GZIP_LEVEL }) : body;
  if (out !== body) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", String(out.length));
  res.end(out);
}

/**
 * Sends a Fetch response's body: read whole when it ends within WHOLE_BODY_MAX_BYTES (nearly always),
 * else streamed on through the middleware as it comes.
 */
export async function sendBody(req: Request, res: ExpressResponse, body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  const held: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        sendWhole(req, res, Buffer.concat(held, size));
        return;
      }
      held.push(value);
      size += value.byteLength;
      if (size > WHOLE_BODY_MAX_BYTES) break;
    }
    const write = writer(res);
    for (const chunk of held) await write(chunk);
    for (;;) {
      if (res.destroyed) {
        // The client went away: stop producing the rest.
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      await write(value);
    }
    res.end();
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/**
 * Writes chunks, waiting for the socket to drain (or close) when its buffer is full. One "drain"
 * listener per response: the middleware moves them onto its gzip stream, where they cannot be removed.
 */
function writer(res: ExpressResponse): (chunk: Uint8Array) => Promise<void> | void {
  let waiting: (() => void) | null = null;
  const wake = () => {
    const resume = waiting;
    waiting = null;
    resume?.();
  };
  let listening = false;
  return (chunk) => {
    if (res.destroyed || res.write(chunk)) return;
    if (!listening) {
      listening = true;
      res.on("drain", wake);
      res.once("close", wake);
    }
    return new Promise<void>((resolve) => {
      waiting = resolve;
    });
  };
}
