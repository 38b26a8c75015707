import { vitePlugin as remix } from "@remix-run/dev";
import type { UserConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/** The Vite config both Remix apps share: every v3 future flag on, workspace packages external. */
export function remixAppConfig({ port }: { port: number }): UserConfig {
  return {
    plugins: [
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
          v3_routeConfig: true,
        },
      }),
    ],
    // Workspace packages are built to dist and loaded by Node at run time, so their own
    // dependencies (pg, PGlite's wasm, argon2's .node binary) resolve from where they live.
    ssr: { external: ["@planpulse/api", "@planpulse/validators", "@planpulse/ui"] },
    server: { port },
    build: { target: "es2022" },
  };
}
