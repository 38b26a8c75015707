import type { IncomingMessage } from "node:http";
import type { NextFunction, Request, Response } from "express";
import type { AppName } from "./app-server";
import { LOGO_MAX_BYTES, MEMBER_IMPORT_MAX_BYTES, MEMBER_IMPORT_PATH } from "@planpulse/validators";
import { wantsJson } from "./resilience";

/** What any request may carry unless the table below says otherwise: every form and tRPC call fits. */
export const DEFAULT_BODY_LIMIT_BYTES = 128 * 1024;

/**
 * The one place a route gets a larger body than the default, for an upload that needs it. Paths are
 * the route's address (a Remix data request to `<path>.data` counts as the same route). Add a row here
 * for a new upload. Each upload route checks its own, smaller limit and answers with a field error;
 * the row leaves room for that answer (twice the route's limit) and stops anything beyond it.
 */
export const LARGER_BODY_LIMITS: ReadonlyArray<{ app: AppName; path: string; bytes: number; why: string }> = [
  // 200,000 characters of plan text, form-encoded (a non-ASCII character can take 9 bytes as %XX%XX%XX).
  { app: "admin", path: "/plan/import", bytes: 3 * 1024 * 1024, why: "plan text import" },
  { app: "admin", path: "/settings", bytes: 2 * (LOGO_MAX_BYTES + 64 * 1024), why: "organisation logo (multipart)" },
  { app: "admin", path: MEMBER_IMPORT_PATH, bytes: 2 * MEMBER_IMPORT_MAX_BYTES, why: "member CSV import" },
];

/** Requests with a larger-than-default body buffered at once per app; the rest get a 503 at once. */
export const LARGE_BODIES_AT_ONCE = 2;

/** The limit for a request path: the route's own row, or the default. Case and a trailing slash do not matter. */
export function bodyLimitFor(app: AppName, path: string): number {
  const route =
    path
      .toLowerCase()
      .replace(/\.data$/, "")
      .replace(/\/+$/, "") || "/";
  return LARGER_BODY_LIMITS.find((row) => row.app === app && row.path === route)?.bytes ?? DEFAULT_BODY_LIMIT_BYTES;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** The request ended (client gone) before its body did: nobody is left to answer. */
export class BodyAbortedError extends Error {}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** A declared Content-Length over the limit, or a malformed one. */
function declaredLength(req: IncomingMessage): number | null {
  const value = req.headers["content-length"];
  if (value === undefined) return null;
  return /^\d{1,15}$/.test(value) ? Number(value) : Number.POSITIVE_INFINITY;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Answers 413, then ends the connection: the rest of an oversized body is not worth reading. For one
 * second the remaining bytes are discarded (never stored) so the client, still busy sending, reads the
 * answer before the socket goes; then it is destroyed, whatever the client still sends. (With
 * `Connection: close` Node would close at once, and a client mid-upload would see a broken pipe
 * instead of the 413.)
 */
export function sendPayloadTooLarge(req: Request, res: Response, limit: number): void {
  const message = `This request is too large: at most ${formatBytes(limit)} can be sent here.`;
  res.status(413).set({ "Cache-Control": "no-store" });
  if (wantsJson(req)) {
    res.json({ error: { message, code: -32413, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } });
  } else {
    res
      .type("text/html")
      .send(`<!doctype html><html lang="en"><title>Too large · Plan Pulse</title><h1>${message}</h1><p><a href="">Go back</a> and send less.</p></html>`);
  }
  req.removeAllListeners("data");
  req.resume();
  const socket = req.socket;
  const timer = setTimeout(() => socket.destroy(), 1_000);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
}

/**
 * Refuses a request whose declared Content-Length is over its route's limit before anything reads it
 * (or waits in the admission queue). Bodies without a length (chunked) are counted by readBody.
 */
export function refuseDeclaredOversizeBodies(app: AppName) {
  return (req: Request, res: Response, next: NextFunction) => {
    const limit = bodyLimitFor(app, req.path);
    const length = declaredLength(req);
    if (length !== null && length > limit) {
      sendPayloadTooLarge(req, res, limit);
      return;
    }
    next();
  };
}

/**
 * Reads the whole body into memory, counting as it goes: past `limit` bytes it stops with
 * BodyTooLargeError, so a streamed or chunked body of any size costs at most `limit` bytes. No body:
 * undefined. Remix and tRPC only ever see the buffered, bounded result.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (!hasBody(req)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        chunks.length = 0;
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new BodyAbortedError(error.message));
    };
    const onClose = () => {
      cleanup();
      if (!req.complete) reject(new BodyAbortedError("the client closed the request before its body ended"));
    };
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", onError);
    req.once("close", onClose);
  });
}

/** Counts requests reading a larger-than-default body; past LARGE_BODIES_AT_ONCE the next one waits its turn elsewhere. */
export function largeBodySlots(capacity = LARGE_BODIES_AT_ONCE) {
  let inUse = 0;
  return {
    tryTake(): (() => void) | null {
      if (inUse >= capacity) return null;
      inUse += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inUse -= 1;
      };
    },
  };
}
