import { defineConfig } from "tsup";

export default defineConfig({
  entry: [
    "src/index.ts",
    "src/bin/migrate.ts",
    "src/bin/seed.ts",
    "src/bin/lock-demo-accounts.ts",
    "src/bin/recompute-tone.ts",
    "src/bin/import-members.ts",
    "src/testing.ts",
    "src/bin/cli.ts",
  ],
  format: "esm",
  target: "node20",
  // The in-process SMTP server is for tests and e2e; its libraries stay outside the bundle.
  external: ["smtp-server", "mailparser"],
  clean: true,
  sourcemap: true,
});
