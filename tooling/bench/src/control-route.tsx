import type { DB, Kysely } from "@planpulse/db";
import { useLoaderData, type MetaFunction } from "@remix-run/react";
import { pageTitle } from "../../../apps/portal/app/page-title";

/** What the host's load context gives this page (the portal's PlanPulseLoadContext, in part; typed here without @remix-run/node's globals). */
type BenchLoadContext = { benchControl?: boolean; planPulse: { database: { db: Kysely<DB> } } };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Benchmark control") }];

/**
 * The benchmark's control page: the least a Remix page can do here (one 50-row query, plain links),
 * so real pages can be measured against it. Only a portal built for the bench has it (tooling/bench
 * builds with PLANPULSE_BENCH_BUILD=1: apps/portal/app/routes.ts), and that build serves it only
 * when the host runs with BENCH_CONTROL=1.
 * `?sleepMs=` holds a connection in pg_sleep, for the fault script's timeout and pool tests.
 */
export async function loader({ context, request }: { context: BenchLoadContext; request: Request }) {
  if (!context.benchControl) throw new Response("There is no page at this address.", { status: 404, statusText: "Not Found" });
  const db = context.planPulse.database.db;
  const sleepMs = Number(new URL(request.url).searchParams.get("sleepMs") ?? 0);
  if (Number.isFinite(sleepMs) && sleepMs > 0) {
    await db.selectNoFrom((eb) => eb.fn("pg_sleep", [eb.val(Math.min(sleepMs, 60_000) / 1000)]).as("slept")).execute();
  }
  const rows = await db.selectFrom("users").select(["id", "display_name"]).orderBy("id").limit(50).execute();
  return { rows };
}

export default function BenchControl() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <ul>
      {rows.map((row) => (
        <li key={row.id}>
          <a href={`/?member=${row.id}`}>{row.display_name}</a>
        </li>
      ))}
    </ul>
  );
}
