import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packagesDir = fileURLToPath(new URL("./packages/", import.meta.url));

/**
 * Shared test settings: workspace packages resolve to their TypeScript sources (no build needed),
 * and any console.error during a test fails it.
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@planpulse\/([a-z-]+)\/testing$/, replacement: `${packagesDir}$1/src/testing.ts` },
      { find: /^@planpulse\/validators\/domain$/, replacement: `${packagesDir}validators/src/domain/index.ts` },
      { find: /^@planpulse\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
    ],
  },
  test: {
    setupFiles: [fileURLToPath(new URL("./vitest.setup.ts", import.meta.url))],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    exclude: ["**/node_modules/**", "**/dist/**", "**/build/**", "**/e2e/**"],
  },
});
