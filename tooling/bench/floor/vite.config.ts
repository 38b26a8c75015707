import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

// The bench's framework floor: a standalone Remix v2 app with the same future flags as the apps
// (routes from app/routes rather than a routes.ts), built for production like them.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    remix({
      appDirectory: "app",
      buildDirectory: "build",
      future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    }),
  ],
  build: { target: "es2022" },
  logLevel: "warn",
});
