import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  target: "es2022",
  clean: true,
  sourcemap: true,
  external: ["@planpulse/validators", "react", "react-dom", "react/jsx-runtime", "@remix-run/react", "react-hook-form", "@hookform/resolvers"],
});
