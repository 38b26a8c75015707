import { flatRoutes } from "@remix-run/fs-routes";
import { route, type RouteConfig } from "@remix-run/route-config";

/** Set by tooling/bench when it builds the apps; a normal build leaves it unset. */
export const BENCH_BUILD_FLAG = "PLANPULSE_BENCH_BUILD";

/**
 * The portal's routes are the files in app/routes. A build made for the benchmark adds its control
 * page, which lives with the bench (tooling/bench/src/control-route.tsx): a normal build does not
 * contain it at all (routes.test.ts).
 */
// eslint-disable-next-line no-restricted-syntax -- read at build time by Remix's Vite plugin, like a config file
const benchBuild = process.env[BENCH_BUILD_FLAG] === "1";
const benchRoutes = benchBuild ? [route("bench/control", "../../../tooling/bench/src/control-route.tsx", { id: "routes/bench.control" })] : [];

export default flatRoutes().then((routes) => [...routes, ...benchRoutes]) satisfies RouteConfig;
