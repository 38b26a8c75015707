import { createHash } from "node:crypto";
import type { NextFunction, Request, Response as ExpressResponse } from "express";
import { hasSessionCookie } from "@planpulse/auth";
import type { LiveBus } from "@planpulse/db";

/** Pages cached for visitors at most (VISITOR_CACHE_ENTRIES; 0 turns the cache off), and their bytes. */
export const DEFAULT_VISITOR_CACHE_ENTRIES = 500;
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The portal's public pages: home, a domain, an objective, the public dashboard, and the data requests
 * Remix makes for them when a visitor navigates in the page. Anything else is rendered every time.
 */
const CACHEABLE = /^\/(?:|_root\.data|dashboard(?:\.data)?|(?:domains|objectives)\/[a-z0-9]+(?:-[a-z0-9]+)*(?:\.data)?)$/;

type Entry = { body: string; nonce: string | null; headers: Array<[string, string]>; etag: string; bytes: number };

export type VisitorCache = {
  /** Serves a cached page to a visitor (or 304); otherwise notes what the render may be stored as. */
  serve(): (req: Request, res: ExpressResponse, next: NextFunction) => void;
  /** Keeps a rendered visitor page when it may be kept; null when it answered itself (a 304). */
  store(req: Request, res: ExpressResponse, response: Response): Promise<Response | null>;
  /** Forgets everything (a write this process acknowledged; or any write, through the bus). */
  invalidate(): void;
  /** Signed-in writes answered by this process invalidate before their answer leaves. */
  invalidateOnWrites(): (req: Request, res: ExpressResponse, next: NextFunction) => void;
  readonly generation: number;
  readonly size: number;
};

type Pending = { key: string; generation: number };

const NONCE_PLACEHOLDER = "\u0000nonce\u0000";

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value.replace(/^W\//, "") === bare;
  });
}

/** A visitor: no cookie of any kind (a session, a half-finished sign-in, a flash message all change the page). */
function isVisitorRead(req: Request): boolean {
  return req.method === "GET" && req.get("cookie") === undefined && req.get("authorization") === undefined;
}

/**
 * Visitors' pages from memory (decision 023). The key is the URL (with its host); every entry belongs
 * to one generation, and the generation moves on with every committed write that changes what
 * visitors see: through the LISTEN/NOTIFY bus for any process's writes, at once for this process's
 * own. A render that started before a write is never stored as current. While the bus is not
 * listening (PostgreSQL restarting), nothing is served from memory.
 *
 * The page's CSP nonce is fresh on every answer: the stored body has a placeholder where the render's
 * nonce was. The ETag is the content's hash (the same in every process), with a 304 when it matches.
 */
export function createVisitorCache(options: { bus: LiveBus; maxEntries?: number }): VisitorCache {
  const maxEntries = options.maxEntries ?? DEFAULT_VISITOR_CACHE_ENTRIES;
  const entries = new Map<string, Entry>();
  let generation = 0;
  let bytes = 0;
  const invalidate = () => {
    generation += 1;
    entries.clear();
    bytes = 0;
  };
  options.bus.subscribe({ onChange: invalidate, onResync: invalidate });

  const keyOf = (req: Request) => `${req.protocol}://${req.get("host") ?? ""}${req.originalUrl}`;

  const remember = (key: string, entry: Entry) => {
    entries.delete(key);
    entries.set(key, entry);
    bytes += entry.bytes;
    for (const [oldest, old] of entries) {
      if (entries.size <= maxEntries && bytes <= MAX_BYTES) break;
      entries.delete(oldest);
      bytes -= old.bytes;
    }
  };

  const notModified = (res: ExpressResponse, etag: string) => {
    // The browser keeps the body it has, with the CSP that came with it: a new nonce here would block its scripts.
    res.removeHeader("Content-Security-Policy");
    res.status(304).set({ ETag: etag, "Cache-Control": "no-cache" }).end();
  };

  return {
    get generation() {
      return generation;
    },
    get size() {
      return entries.size;
    },
    invalidate,
    serve() {
      return (req, res, next) => {
        if (maxEntries === 0 || !isVisitorRead(req) || !CACHEABLE.test(req.path) || !options.bus.listening) {
          next();
          return;
        }
        const key = keyOf(req);
        const entry = entries.get(key);
        if (!entry) {
          res.locals.visitorCache = { key, generation } satisfies Pending;
          next();
          return;
        }
        entries.delete(key);
        entries.set(key, entry);
        if (etagMatches(req.get("if-none-match"), entry.etag)) {
          notModified(res, entry.etag);
          return;
        }
        const nonce = res.locals.cspNonce as string;
        for (const [name, value] of entry.headers) res.append(name, value);
        res.set({ ETag: entry.etag, "Cache-Control": "no-cache", "X-Visitor-Cache": "hit" });
        res.status(200).send(entry.nonce === null ? entry.body : entry.body.split(NONCE_PLACEHOLDER).join(nonce));
      };
    },
    async store(req, res, response) {
      const pending = res.locals.visitorCache as Pending | undefined;
      if (!pending || response.status !== 200 || !response.body) return response;
      const control = response.headers.get("cache-control") ?? "";
      const vary = (response.headers.get("vary") ?? "").toLowerCase().split(",").map((part) => part.trim()).filter((part) => part && part !== "accept-encoding");
      if (response.headers.has("set-cookie") || res.getHeader("set-cookie") !== undefined || /no-store|private/i.test(control) || vary.length > 0) return response;
      const body = await response.text();
      const nonce = (res.locals.cspNonce as string | undefined) ?? null;
      const template = nonce && body.includes(nonce) ? body.split(nonce).join(NONCE_PLACEHOLDER) : body;
      const etag = `W/"${createHash("sha1").update(template).digest("base64url")}"`;
      const headers: Array<[string, string]> = [];
      for (const [name, value] of response.headers) if (name !== "cache-control" && name !== "etag" && name !== "content-length") headers.push([name, value]);
      // Stored only if no write arrived while it rendered: otherwise it may show the page before that write.
      if (pending.generation === generation) {
        remember(pending.key, { body: template, nonce: template === body ? null : nonce, headers, etag, bytes: template.length * 2 });
      }
      if (etagMatches(req.get("if-none-match"), etag)) {
        notModified(res, etag);
        return null;
      }
      const answer = new Headers(response.headers);
      answer.set("ETag", etag);
      answer.set("Cache-Control", "no-cache");
      answer.delete("content-length");
      return new Response(body, { status: 200, statusText: response.statusText, headers: answer });
    },
    invalidateOnWrites() {
      return (req, res, next) => {
        if (req.method === "GET" || req.method === "HEAD" || !hasSessionCookie(req.get("cookie"))) {
          next();
          return;
        }
        // Before the answer's head leaves: by then the write has committed, and the member who made
        // it (or anyone they tell) must not get the page from before it from this process.
        const writeHead = res.writeHead;
        res.writeHead = function (this: ExpressResponse, ...args: Parameters<ExpressResponse["writeHead"]>) {
          const status = typeof args[0] === "number" ? args[0] : this.statusCode;
          if (status < 400) invalidate();
          return writeHead.apply(this, args);
        } as ExpressResponse["writeHead"];
        next();
      };
    },
  };
}
