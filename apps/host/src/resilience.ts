import type { NextFunction, Request, Response } from "express";
import { isServiceUnavailable, RETRY_AFTER_SECONDS } from "@planpulse/api";

/**
 * Every 503 tells the client when to come back, whichever layer produced it (tRPC, a Remix loader
 * or action, the entry's unavailable page): set Retry-After just before the head is written.
 */
export function retryAfterOn503() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      const status = typeof args[0] === "number" ? args[0] : this.statusCode;
      if (status === 503 && !this.getHeader("Retry-After")) this.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    next();
  };
}

/** Wants JSON rather than a page: tRPC, Remix data requests, fetch() callers. */
function wantsJson(req: Request): boolean {
  return req.path.startsWith("/api/") || req.path.endsWith(".data") || !(req.get("accept") ?? "").includes("text/html");
}

/**
 * The last resort for anything thrown outside Remix's own handling: a database that is down becomes
 * a 503 (page or JSON), anything else a bare 500 without internals. The process never dies of it.
 */
export function lastResortErrors() {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const unavailable = isServiceUnavailable(error);
    if (!unavailable) console.error(`[host] ${req.method} ${req.path}:`, error);
    res.status(unavailable ? 503 : 500).set("Cache-Control", "no-store");
    if (unavailable) res.set("Retry-After", String(RETRY_AFTER_SECONDS));
    const message = unavailable
      ? "Plan Pulse is briefly unavailable. Please try again in a few seconds."
      : "Something went wrong on our side. Please try again.";
    if (wantsJson(req)) res.json({ error: { code: unavailable ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR", message } });
    else res.type("text/html").send(`<!doctype html><html lang="en"><title>Plan Pulse</title><h1>${message}</h1></html>`);
  };
}
