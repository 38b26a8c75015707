import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/bin/migrate.ts", "src/bin/seed.ts"],
  format: "esm",
  target: "node20",
  clean: true,
  sourcemap: true,
});
