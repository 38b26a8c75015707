import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { RouteConfigEntry } from "@remix-run/route-config";
import { afterEach, describe, expect, it, vi } from "vitest";

const appDirectory = import.meta.dirname;

/** The routes a build would get, with the bench's build flag set or not (Remix's Vite plugin sets the app directory the same way). */
async function buildRoutes(benchBuild: boolean): Promise<RouteConfigEntry[]> {
  (globalThis as { __remixAppDirectory?: string }).__remixAppDirectory = appDirectory;
  vi.resetModules();
  if (benchBuild) vi.stubEnv("PLANPULSE_BENCH_BUILD", "1");
  else vi.stubEnv("PLANPULSE_BENCH_BUILD", "");
  return (await import("./routes")).default;
}

const all = (routes: RouteConfigEntry[]): RouteConfigEntry[] => routes.flatMap((route) => [route, ...all(route.children ?? [])]);

describe("the portal's routes", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("a normal build has no bench route", async () => {
    const routes = all(await buildRoutes(false));
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => `${route.id} ${route.path} ${route.file}`.includes("bench"))).toEqual([]);
  });

  it("a build for the bench adds its control page, from tooling/bench", async () => {
    const routes = all(await buildRoutes(true));
    const control = routes.find((route) => route.path === "bench/control");
    expect(control?.id).toBe("routes/bench.control");
    expect(resolve(appDirectory, control!.file)).toBe(resolve(appDirectory, "../../../tooling/bench/src/control-route.tsx"));
    expect(existsSync(resolve(appDirectory, control!.file))).toBe(true);
  });
});
