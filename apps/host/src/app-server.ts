import { createServer, type RequestListener, type Server } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { Database } from "@planpulse/db";
import { handleTrpcRequest, type OidcAppContext, type PlanPulseLoadContext, type RequestEnvironment } from "@planpulse/api";
import { LIVE_EVENTS_PATH } from "@planpulse/validators";
import express from "express";
import type { ViteDevServer } from "vite";
import {
  BodyAbortedError,
  bodyLimitFor,
  BodyTooLargeError,
  DEFAULT_BODY_LIMIT_BYTES,
  largeBodySlots,
  readBody,
  refuseDeclaredOversizeBodies,
  sendPayloadTooLarge,
} from "./body-limit";
import { sendBody, streamingCompression } from "./compress";
import { admissionControl, lastResortErrors, retryAfterOn503, sendUnavailable } from "./resilience";
import { CROSS_SITE_POST_EXEMPT, noStoreForSignedIn, rejectCrossSiteMutations, securityHeaders } from "./security";
import type { LiveHub } from "./live-events";
import type { VisitorCache } from "./visitor-cache";

export type AppName = "portal" | "admin";

const require = createRequire(import.meta.url);
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="4" fill="#1d4ed8"/></svg>`;

export function appDirectory(app: AppName): string {
  return dirname(require.resolve(`@planpulse/${app}/package.json`));
}

export type AppServerOptions = {
  app: AppName;
  database: Database;
  /** A real deployment (NODE_ENV=production): HSTS and `__Host-`/Secure cookies. */
  production: boolean;
  /**
   * Proxies in front of the app: a number of hops (the client is the address that many entries from
   * the right of X-Forwarded-For), or the proxies' addresses/subnets. 0 or false: none, the socket's
   * address is the client. `true` means one hop (tests), never "trust every entry".
   */
  trustProxy: boolean | number | string[];
  /** Requests rendered at once and how many may wait (admission control). */
  admission?: { concurrency: number; maxQueue: number };
  /** Enables the benchmark's /bench/control page (portal). */
  benchControl?: boolean;
  /** Single sign-on, when OIDC_ISSUER is set: the shared client and this app's public origin. */
  oidc?: OidcAppContext;
  /** Live pages and the visitors' cache (decision 023): one of each per process, shared by both apps. */
  live?: { hub: LiveHub; cache: VisitorCache };
  /** In development, Vite serves the app with hot reload. */
  vite?: ViteDevServer;
};

export async function createAppHandler(options: AppServerOptions): Promise<express.Express> {
  const app = express();
  app.disable("x-powered-by");
  const trustProxy = options.trustProxy === true ? 1 : options.trustProxy === false ? 0 : options.trustProxy;
  if (trustProxy !== 0) app.set("trust proxy", trustProxy);
  // Before anything else (the admission queue included): a declared body over the route's limit.
  app.use(refuseDeclaredOversizeBodies(options.app));
  // Event streams: before compression (which would hold events back) and admission (they stay open).
  if (options.live)
    app.get(
      LIVE_EVENTS_PATH,
      options.live.hub.route(options.app, (req, res) => requestEnvironment(options, req, res)),
    );
  // Whole answers are gzipped in one call when sent (sendBody); the middleware compresses only the
  // rare body too large to hold, as it streams (decision 027).
  app.use(streamingCompression());
  app.use(securityHeaders({ production: options.production, viteDev: options.vite !== undefined }));
  app.use(retryAfterOn503());
  app.use(noStoreForSignedIn());
  app.use(rejectCrossSiteMutations({ exemptPaths: CROSS_SITE_POST_EXEMPT[options.app] }));
  if (options.live) app.use(options.live.cache.invalidateOnWrites());
  app.get("/favicon.ico", (_req, res) => {
    res.type("image/svg+xml").set("Cache-Control", "public, max-age=86400").send(FAVICON_SVG);
  });

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (options.vite) {
    const vite = options.vite;
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = join(appDirectory(options.app), "build");
    build = (await import(join(buildDir, "server", "index.js"))) as ServerBuild;
    // Fingerprinted assets never change. They are the only static files (no public/ folder), so
    // page requests skip the file-system lookup a catch-all static handler does for every URL.
    app.use("/assets", express.static(join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y", index: false }));
  }

  // Visitors' pages from memory skip the admission queue: they cost next to nothing.
  if (options.live && options.app === "portal") app.use(options.live.cache.serve());
  if (options.admission) app.use(admissionControl({ ...options.admission, exempt: (req) => req.path === "/healthz" }));
  // Remix runs in production mode (errors sanitised, no stack traces to clients) except under Vite (pnpm dev).
  const handleRequest = createRequestHandler(build, options.vite ? "development" : "production");
  const largeBodies = largeBodySlots();
  app.all("*", async (req, res, next) => {
    const limit = bodyLimitFor(options.app, req.path);
    const release = limit > DEFAULT_BODY_LIMIT_BYTES ? largeBodies.tryTake() : () => {};
    if (!release) {
      sendUnavailable(req, res, "Plan Pulse is busy with other uploads right now. Please try again in a few seconds.");
      return;
    }
    let body: Buffer | undefined;
    try {
      body = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) sendPayloadTooLarge(req, res, error.limit);
      else if (!(error instanceof BodyAbortedError)) next(error);
      return;
    } finally {
      release();
    }
    try {
      const request = remixRequest(req, res, body);
      if (!request) {
        res.status(400).type("text/plain").set("Cache-Control", "no-store").send("This request's address could not be read.");
        return;
      }
      const loadContext: PlanPulseLoadContext = {
        cspNonce: res.locals.cspNonce as string,
        benchControl: options.benchControl === true,
        oidc: options.oidc,
        planPulse: requestEnvironment(options, req, res),
        pageScope: { objectiveIds: null },
      };
      // The API is answered here, not through a Remix resource route: a route there only passed the
      // request on, after Remix had matched it against every route of the app (decision 027).
      const response = isApiPath(req.path) ? await handleTrpcRequest(loadContext, loadContext.planPulse, request) : await handleRequest(request, loadContext);
      const answer = options.live ? await options.live.cache.store(req, res, response, loadContext.pageScope) : response;
      if (answer) await sendResponse(req, res, answer);
    } catch (error) {
      next(error);
    }
  });
  app.use(lastResortErrors());
  return app;
}

/** Both apps serve the tRPC API at /api/trpc/<procedure>. */
function isApiPath(path: string): boolean {
  return path === "/api/trpc" || path.startsWith("/api/trpc/");
}

function requestEnvironment(options: AppServerOptions, req: express.Request, res: express.Response): RequestEnvironment {
  return {
    database: options.database,
    // The one place the client's address is decided (trust proxy: hops or proxy addresses).
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    secureCookies: options.production,
    setCookie: (cookie) => res.append("Set-Cookie", cookie),
  };
}

/**
 * The Fetch Request Remix and tRPC see, with the body already read (and bounded). The URL keeps the
 * raw path (`//x` stays a path, not a host); a Host header that makes no URL gives null (a 400).
 */
function remixRequest(req: express.Request, res: express.Response, body: Buffer | undefined): Request | null {
  let url: URL;
  try {
    url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
  } catch {
    return null;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const controller = new AbortController();
  // Loaders and actions stop when the client leaves before the answer is written.
  let finished = false;
  res.once("finish", () => (finished = true));
  res.once("close", () => {
    if (!finished) controller.abort();
  });
  const withBody = req.method !== "GET" && req.method !== "HEAD" && body !== undefined;
  return new Request(url, { method: req.method, headers, signal: controller.signal, ...(withBody ? { body: body as Uint8Array<ArrayBuffer> } : {}) });
}

async function sendResponse(req: express.Request, res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  if (response.body) await sendBody(req, res, response.body);
  else res.end();
}

export function listen(handler: RequestListener, port: number, host: string, server: Server = createServer()): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.on("request", handler);
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
