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
    ssr: { external: ["@planpulse/api", "@planpulse/remix", "@planpulse/validators", "@planpulse/ui"] },
    server: { port },
    build: { target: "es2022", rollupOptions: { output: { manualChunks: shellChunk } } },
  };
}

const SHELL_PACKAGES =
  /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(?:react|react-dom|scheduler|react-router|react-router-dom|@remix-run\/(?!dev\/)[^/]+|turbo-stream|zod)\//;

/**
 * The chunk every page loads with the root route: React and Remix, plus zod and the shared schemas.
 * zod v4 alone is ~26 KB gzip, over the 25 KB budget for a route's own chunks, and most pages of
 * both apps import @planpulse/validators (forms, or a constant from it), so it lives in the shell
 * rather than being repeated in every route's count (decision 012).
 */
function shellChunk(id: string): string | undefined {
  return SHELL_PACKAGES.test(id) || id.includes("/packages/validators/") ? "shell" : undefined;
}
