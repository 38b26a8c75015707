import { MutationObserver, QueryClient, type MutationOptions } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
// Type only: the browser bundle must never pull in server code.
import type { AppRouter } from "@planpulse/api";

/**
 * TanStack Query and the tRPC client for widgets that call /api/trpc (the optimistic support toggle).
 * Only ever loaded through `loadApi()` (./api.ts), never imported statically: a page works without
 * it, so it must not weigh on the first load.
 */
export function createApi() {
  const queryClient = new QueryClient({
    defaultOptions: {
      // Pages arrive rendered by loaders; widgets refetch only when asked.
      queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: false },
      mutations: { retry: false },
    },
  });
  const client = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: "/api/trpc", maxItems: 10, fetch: (url, init) => fetch(url, { ...init, credentials: "same-origin" }) })],
  });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });

  /** Runs a mutation through the query client (its defaults and mutation cache) from an event handler. */
  function mutate<TData, TError, TVariables, TContext>(options: MutationOptions<TData, TError, TVariables, TContext>, variables: TVariables) {
    return new MutationObserver(queryClient, options).mutate(variables);
  }

  return { queryClient, trpc, mutate };
}

export type Api = ReturnType<typeof createApi>;
