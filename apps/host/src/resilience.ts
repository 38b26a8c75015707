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
export function wantsJson(req: Request): boolean {
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

/** A 503 with Retry-After, as JSON or a page, for a request shed before the app saw it. */
export function sendUnavailable(req: Request, res: Response, message: string): void {
  res.status(503).set("Retry-After", String(RETRY_AFTER_SECONDS)).set("Cache-Control", "no-store");
  if (wantsJson(req)) res.json({ error: { code: "SERVICE_UNAVAILABLE", message } });
  else res.type("text/html").send(`<!doctype html><html lang="en"><title>Plan Pulse</title><h1>${message}</h1></html>`);
}

export type AdmissionOptions = {
  /** Requests handled at once; the rest wait in line. */
  concurrency: number;
  /** How many may wait; beyond that the request is shed with a 503 and Retry-After. */
  maxQueue: number;
  /** Paths that never wait (the load balancer's health check). */
  exempt?: (req: Request) => boolean;
};

/**
 * Admission control in front of the app: at most `concurrency` requests are handled at once, the
 * rest wait first-come first-served, and beyond `maxQueue` waiting the request is shed at once with
 * a 503 and Retry-After instead of piling up behind the database pool. The pool limits the work that
 * really runs in parallel, so admitting more only stretches every request's latency; an overload
 * shows as a fast, honest 503. A client that leaves while waiting gives its place up.
 */
export function admissionControl(options: AdmissionOptions) {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active -= 1;
    const next = waiting.shift();
    if (next) next();
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (options.exempt?.(req)) {
      next();
      return;
    }
    let admitted = false;
    const admit = () => {
      admitted = true;
      active += 1;
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once("finish", done);
      res.once("close", done);
      next();
    };
    if (active < options.concurrency) {
      admit();
      return;
    }
    if (waiting.length >= options.maxQueue) {
      sendUnavailable(req, res, "Plan Pulse is busy right now. Please try again in a few seconds.");
      return;
    }
    waiting.push(admit);
    res.once("close", () => {
      if (admitted) return;
      const index = waiting.indexOf(admit);
      if (index >= 0) waiting.splice(index, 1);
    });
  };
}
