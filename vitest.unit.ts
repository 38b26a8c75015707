import { defineConfig, mergeConfig } from "vitest/config";
import shared from "./vitest.shared";

/**
 * `pnpm test:unit`: every package's fast suites in one run, no database and no browser
 * (`*.int.test.ts` and the Playwright specs are left to `pnpm test`).
 */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      include: ["{apps,packages,tooling}/*/{src,app}/**/*.test.{ts,tsx}"],
      exclude: ["**/*.int.test.{ts,tsx}"],
    },
  }),
);
