import { createHash } from "node:crypto";
import type { NextFunction, Request, Response as ExpressResponse } from "express";
import type { PageScope } from "@planpulse/api";
import { hasSessionCookie } from "@planpulse/auth";
import type { LiveBus, LiveChange, LiveKind } from "@planpulse/db";
import { acceptsGzip } from "./compress";
import { fillGzip, fillPlain, gzipTemplate, type GzipTemplate } from "./gzip-template";

/** Pages cached for visitors at most (VISITOR_CACHE_ENTRIES; 0 turns the cache off), and their bytes. */
export const DEFAULT_VISITOR_CACHE_ENTRIES = 500;
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The portal's public pages: home, a domain, an objective, the public dashboard, and the data requests
 * Remix makes for them when a visitor navigates in the page. Anything else is rendered every time.
 */
const CACHEABLE = /^\/(?:|_root\.data|dashboard(?:\.data)?|(?:domains|objectives)\/[a-z0-9]+(?:-[a-z0-9]+)*(?:\.data)?)$/;

/**
 * Members' activity on one objective (decision 026): it changes that objective's figures and thread,
 * and every page that shows all objectives (home, the dashboard), but not another objective's page.
 * Any other kind of write (the plan, organisation settings, priority points — whose shares every page
 * shows —, flags) may change any page; the dashboard's rollups change only pages that declared no scope.
 */
const OBJECTIVE_ACTIVITY: ReadonlySet<LiveKind> = new Set<LiveKind>(["votes", "stances", "comments", "progress"]);
const ROLLUPS: LiveKind = "insight";

type Entry = {
  body: GzipTemplate;
  headers: Array<[string, string]>;
  etag: string;
  bytes: number;
  /** The objectives whose activity the page shows; null: it may show anything (every write evicts it). */
  objectives: ReadonlySet<number> | null;
};

export type VisitorCache = {
  /** Serves a cached page to a visitor (or 304); otherwise notes what the render may be stored as. */
  serve(): (req: Request, res: ExpressResponse, next: NextFunction) => void;
  /**
   * Keeps a rendered visitor page when it may be kept; null when it answered itself (a 304). `scope`
   * is what the page's loaders declared it shows (see PageScope); none means everything.
   */
  store(req: Request, res: ExpressResponse, response: Response, scope?: PageScope): Promise<Response | null>;
  /** Forgets everything. */
  invalidate(): void;
  /**
   * A signed-in write answered by this process: until the bus has delivered every change committed
   * before the answer's head, nothing is served from memory (so the writer's own process is never behind).
   */
  invalidateOnWrites(): (req: Request, res: ExpressResponse, next: NextFunction) => void;
  readonly size: number;
  /** Whether a page is in memory now (tests). */
  has(url: string): boolean;
};

type Pending = { key: string; startedAt: number; epoch: number };

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
 * Visitors' pages from memory (decisions 023 and 026). The key is the URL (with its host). Every
 * committed write is announced on the LISTEN/NOTIFY bus with its kind and objectives; it evicts the
 * pages it may change: members' activity on objective A evicts A's page, the domain pages listing A
 * and every page that declared no scope (home, the dashboard), but not B's page. A render that
 * started before a change that touches it is never stored. While the bus is not listening
 * (PostgreSQL restarting), nothing is served from memory; when it comes back, everything is forgotten.
 *
 * A page is stored compressed once, with a hole where the render's CSP nonce was: each answer gets a
 * fresh nonce, gzip (or not, as the client asks) without compressing the page again. The ETag is the
 * content's hash (the same in every process), with a 304 when it matches.
 */
export function createVisitorCache(options: { bus: LiveBus; maxEntries?: number }): VisitorCache {
  const maxEntries = options.maxEntries ?? DEFAULT_VISITOR_CACHE_ENTRIES;
  const entries = new Map<string, Entry>();
  /** Pages that declared no scope, and the scoped pages per objective: what each change must evict. */
  const unscoped = new Set<string>();
  const byObjective = new Map<number, Set<string>>();
  let bytes = 0;
  // A logical clock of the changes this process heard of: a render remembers when it started, and is
  // stored only if nothing that touches it came after.
  let clock = 0;
  let anyChangeAt = 0;
  let everythingAt = 0;
  const objectiveAt = new Map<number, number>();
  // Writes this process acknowledged whose notifications have not all arrived yet.
  let barriers = 0;
  let barrierEpoch = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
    if (entry.objectives === null) unscoped.delete(key);
    else for (const id of entry.objectives) byObjective.get(id)?.delete(key);
  };
  const forgetAll = () => {
    clock += 1;
    anyChangeAt = everythingAt = clock;
    entries.clear();
    unscoped.clear();
    byObjective.clear();
    objectiveAt.clear();
    bytes = 0;
  };
  const onChange = (change: LiveChange) => {
    clock += 1;
    anyChangeAt = clock;
    if (change.kind === ROLLUPS) {
      for (const key of [...unscoped]) drop(key);
    } else if (OBJECTIVE_ACTIVITY.has(change.kind) && change.objectiveIds !== null) {
      for (const key of [...unscoped]) drop(key);
      for (const id of change.objectiveIds) {
        objectiveAt.set(id, clock);
        for (const key of [...(byObjective.get(id) ?? [])]) drop(key);
        byObjective.delete(id);
      }
    } else {
      forgetAll();
    }
  };
  options.bus.subscribe({ onChange, onResync: forgetAll });

  /** Nothing that touches these objectives (or everything) changed since `startedAt`. */
  const stillCurrent = (startedAt: number, objectives: ReadonlySet<number> | null) => {
    if (objectives === null) return anyChangeAt <= startedAt;
    if (everythingAt > startedAt) return false;
    for (const id of objectives) if ((objectiveAt.get(id) ?? 0) > startedAt) return false;
    return true;
  };

  const keyOf = (req: Request) => `${req.protocol}://${req.get("host") ?? ""}${req.originalUrl}`;

  const remember = (key: string, entry: Entry) => {
    drop(key);
    entries.set(key, entry);
    bytes += entry.bytes;
    if (entry.objectives === null) unscoped.add(key);
    else {
      for (const id of entry.objectives) {
        let keys = byObjective.get(id);
        if (!keys) byObjective.set(id, (keys = new Set()));
        keys.add(key);
      }
    }
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= MAX_BYTES) break;
      drop(oldest);
    }
  };

  const notModified = (res: ExpressResponse, etag: string) => {
    // The browser keeps the body it has, with the CSP that came with it: a new nonce here would block its scripts.
    res.removeHeader("Content-Security-Policy");
    res.status(304).set({ ETag: etag, "Cache-Control": "no-cache" }).end();
  };

  const send = (req: Request, res: ExpressResponse, entry: Entry) => {
    const nonce = Buffer.from((res.locals.cspNonce as string | undefined) ?? "");
    for (const [name, value] of entry.headers) res.append(name, value);
    res.setHeader("ETag", entry.etag);
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("X-Visitor-Cache", "hit");
    // Already encoded: the compression middleware leaves it as it is (and adds Vary).
    const gzip = acceptsGzip(req);
    const body = gzip ? fillGzip(entry.body, nonce) : fillPlain(entry.body, nonce);
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Length", String(body.length));
    res.statusCode = 200;
    res.end(body);
  };

  return {
    get size() {
      return entries.size;
    },
    has(url) {
      return entries.has(url);
    },
    invalidate: forgetAll,
    serve() {
      return (req, res, next) => {
        if (maxEntries === 0 || !isVisitorRead(req) || !CACHEABLE.test(req.path) || !options.bus.listening) {
          next();
          return;
        }
        if (barriers > 0) {
          // Rendered, not stored: a write this process answered is still being announced.
          res.setHeader("X-Visitor-Cache", "wait");
          next();
          return;
        }
        const key = keyOf(req);
        const entry = entries.get(key);
        if (!entry) {
          res.locals.visitorCache = { key, startedAt: clock, epoch: barrierEpoch } satisfies Pending;
          next();
          return;
        }
        entries.delete(key);
        entries.set(key, entry);
        if (etagMatches(req.get("if-none-match"), entry.etag)) {
          notModified(res, entry.etag);
          return;
        }
        send(req, res, entry);
      };
    },
    async store(req, res, response, scope) {
      const pending = res.locals.visitorCache as Pending | undefined;
      if (!pending || response.status !== 200 || !response.body) return response;
      const control = response.headers.get("cache-control") ?? "";
      const vary = (response.headers.get("vary") ?? "")
        .toLowerCase()
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part && part !== "accept-encoding");
      if (response.headers.has("set-cookie") || res.getHeader("set-cookie") !== undefined || /no-store|private/i.test(control) || vary.length > 0)
        return response;
      const body = await response.text();
      const nonce = (res.locals.cspNonce as string | undefined) ?? null;
      const pieces = nonce && body.includes(nonce) ? body.split(nonce) : [body];
      const etag = `W/"${createHash("sha1").update(pieces.join(NONCE_PLACEHOLDER)).digest("base64url")}"`;
      const headers: Array<[string, string]> = [];
      for (const [name, value] of response.headers) if (name !== "cache-control" && name !== "etag" && name !== "content-length") headers.push([name, value]);
      const objectives = scope?.objectiveIds ? new Set(scope.objectiveIds) : null;
      // Stored only if nothing that touches the page arrived while it rendered (it may show the page
      // from before that write), and no write of this process is still waiting for its notification.
      if (barriers === 0 && pending.epoch === barrierEpoch && stillCurrent(pending.startedAt, objectives)) {
        const template = gzipTemplate(pieces.map((piece) => Buffer.from(piece)));
        const entryBytes = template.pieces.reduce((sum, piece) => sum + piece.length, 0) + template.bytes;
        const entry: Entry = { body: template, headers, etag, bytes: entryBytes, objectives };
        remember(pending.key, entry);
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
        // it (or anyone they tell) must not get the page from before it from this process. Which
        // pages it touched is known once its notification arrives; until then, nothing from memory.
        const writeHead = res.writeHead;
        res.writeHead = function (this: ExpressResponse, ...args: Parameters<ExpressResponse["writeHead"]>) {
          const status = typeof args[0] === "number" ? args[0] : this.statusCode;
          if (status < 400) {
            barriers += 1;
            barrierEpoch += 1;
            void options.bus.caughtUp().then((caughtUp) => {
              if (!caughtUp) forgetAll();
              barriers -= 1;
            });
          }
          return writeHead.apply(this, args);
        } as ExpressResponse["writeHead"];
        next();
      };
    },
  };
}
