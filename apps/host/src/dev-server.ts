import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { join } from "node:path";
import type { ViteDevServer } from "vite";
import { appDirectory, type AppName } from "./app-server";

/** The package.json export condition under which every workspace package points at its TypeScript source. */
export const SOURCE_CONDITION = "planpulse-source";

/**
 * Remix's Vite plugin hands the request handler its dev hooks (the page's critical CSS, stack-trace
 * fixing) through one process-wide global, set when a dev server is configured. With both apps in
 * one process the admin's dev server overwrote the portal's hooks, so the portal looked its routes
 * up in the admin's route manifest and every portal page but `/` failed (`reading 'file'` in
 * getStylesForUrl). Each app's hooks are kept here, and the global becomes a dispatcher that uses
 * the hooks of the app the current request came to.
 */
const HOOKS_KEY = "__remix_devServerHooks";
type DevServerHooks = { getCriticalCss?: (...args: never[]) => unknown; processRequestError?: (error: unknown) => void };
const hooksGlobal = globalThis as { [HOOKS_KEY]?: DevServerHooks };
const requestApp = new AsyncLocalStorage<AppName>();
const hooksByApp = new Map<AppName, DevServerHooks>();

function currentHooks(): DevServerHooks | undefined {
  const app = requestApp.getStore();
  return app ? hooksByApp.get(app) : undefined;
}

const dispatcher: DevServerHooks = {
  getCriticalCss: (...args) => (currentHooks()?.getCriticalCss as ((...a: unknown[]) => unknown) | undefined)?.(...args),
  processRequestError: (error) => currentHooks()?.processRequestError?.(error),
};

/**
 * One app's Vite dev server in middleware mode. Workspace packages resolve to their source (on the
 * server through Node with the same condition, which `pnpm dev` passes), so nothing is built first;
 * hot reload shares the app's own port instead of a fixed one.
 */
export async function createViteDevServer(app: AppName, httpServer: Server): Promise<ViteDevServer> {
  const { createServer, defaultClientConditions, defaultServerConditions } = await import("vite");
  const root = appDirectory(app);
  const vite = await createServer({
    root,
    configFile: join(root, "vite.config.ts"),
    // Imported by Node itself (through tsx) rather than bundled to a temporary file that the
    // restart-on-change watcher would see come and go.
    configLoader: "native",
    resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions], externalConditions: [SOURCE_CONDITION] } },
    server: { middlewareMode: true, hmr: { server: httpServer } },
  });
  const hooks = hooksGlobal[HOOKS_KEY];
  if (hooks && hooks !== dispatcher) hooksByApp.set(app, hooks);
  hooksGlobal[HOOKS_KEY] = dispatcher;
  return vite;
}

/** Runs the app's handler with the app remembered, so Remix's dev hooks find the right dev server. */
export function withDevHooks(app: AppName, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => requestApp.run(app, () => handler(req, res));
}
