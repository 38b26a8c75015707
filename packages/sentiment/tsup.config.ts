import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "bench/run-bench": "src/bench/run-bench.ts",
    "bench/tune": "src/bench/tune.ts",
  },
  format: "esm",
  target: "node20",
  clean: true,
  sourcemap: true,
});
