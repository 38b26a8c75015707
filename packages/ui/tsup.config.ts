import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "server/index": "src/server/index.ts" },
  format: "esm",
  target: "es2022",
  clean: true,
  sourcemap: true,
  external: ["@planpulse/validators", "react", "react-dom", "react-dom/server", "react/jsx-runtime", "@remix-run/react", "react-hook-form", "@hookform/resolvers"],
});
