import type { Api } from "./api-client";

let api: Promise<Api> | undefined;

/**
 * The API client (TanStack Query + tRPC), fetched on first use. Every interaction that uses it is a
 * plain form first, so pages hydrate without it and only widgets that call /api/trpc ask for it.
 */
export function loadApi(): Promise<Api> {
  api ??= import("./api-client").then(
    (module) => module.createApi(),
    (error: unknown) => {
      api = undefined; // a failed chunk load (offline, new deploy) may be retried on the next use
      throw error;
    },
  );
  return api;
}

/** Fetches the API client once the browser is idle, so the first click does not wait for it. */
export function preloadApiWhenIdle(): () => void {
  const preload = () => void loadApi().catch(() => undefined);
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(preload, { timeout: 3_000 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(preload, 1_000);
  return () => window.clearTimeout(handle);
}
