import { defineConfig } from "tsup";

export default defineConfig({
  // One output file per source module (shared code split into chunks), not one bundle: an app that
  // needs only the page shell must not pull the form helpers, and through them zod and
  // react-hook-form, into its first-load JavaScript. Rollup can only leave out whole modules.
  entry: ["src/**/*.{ts,tsx}", "!src/**/*.test.{ts,tsx}"],
  format: "esm",
  target: "es2022",
  splitting: true,
  clean: true,
  sourcemap: true,
  external: [
    "@planpulse/validators",
    "react",
    "react-dom",
    "react-dom/server",
    "react/jsx-runtime",
    "@remix-run/react",
    "react-hook-form",
    "@hookform/resolvers",
  ],
});
