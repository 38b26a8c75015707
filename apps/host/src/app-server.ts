import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { Database } from "@planpulse/db";
import type { OidcAppContext, PlanPulseLoadContext } from "@planpulse/api";
import compression from "compression";
import express from "express";
import type { ViteDevServer } from "vite";
import { admissionControl, lastResortErrors, retryAfterOn503 } from "./resilience";
import { rejectCrossSiteMutations, securityHeaders } from "./security";

export type AppName = "portal" | "admin";

const require = createRequire(import.meta.url);
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="4" fill="#1d4ed8"/></svg>`;

export function appDirectory(app: AppName): string {
  return dirname(require.resolve(`@planpulse/${app}/package.json`));
}

export type AppServerOptions = {
  app: AppName;
  database: Database;
  production: boolean;
  trustProxy: boolean;
  /** Requests rendered at once and how many may wait (admission control). */
  admission?: { concurrency: number; maxQueue: number };
  /** Enables the benchmark's /bench/control page (portal). */
  benchControl?: boolean;
  /** Single sign-on, when OIDC_ISSUER is set: the shared client and this app's public origin. */
  oidc?: OidcAppContext;
  /** In development, Vite serves the app with hot reload. */
  vite?: ViteDevServer;
};

export async function createAppHandler(options: AppServerOptions): Promise<express.Express> {
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy) app.set("trust proxy", true);
  app.use(compression());
  app.use(securityHeaders({ production: options.production, viteDev: options.vite !== undefined }));
  app.use(retryAfterOn503());
  app.use(rejectCrossSiteMutations());
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

  if (options.admission) app.use(admissionControl({ ...options.admission, exempt: (req) => req.path === "/healthz" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: options.production ? "production" : "development",
      getLoadContext(req, res): PlanPulseLoadContext {
        return {
          cspNonce: res.locals.cspNonce as string,
          benchControl: options.benchControl === true,
          oidc: options.oidc,
          planPulse: {
            database: options.database,
            clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
            secureCookies: options.production,
            setCookie: (cookie) => res.append("Set-Cookie", cookie),
          },
        };
      },
    }),
  );
  app.use(lastResortErrors());
  return app;
}

export function listen(handler: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
