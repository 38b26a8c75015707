import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { PLAN_CYCLE_STATUS_LABELS } from "@planpulse/validators/domain";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Plan cycles") }];

export async function loader(args: LoaderFunctionArgs) {
  return { cycles: await query(args, (caller) => caller.plan.cycles()) };
}

/** Every plan cycle: the current one takes part; archived ones stay to read (decision 024). */
export default function PlanCycles() {
  const { cycles } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Plan cycles</h1>
      <p>Each plan runs for a cycle. Earlier cycles are archived: read-only, with everything members said and every figure.</p>
      <ul className="cycle-list">
        {cycles.map((cycle) => (
          <li key={cycle.slug}>
            <Link to={cycle.status === "active" ? "/" : `/plans/${cycle.slug}`}>{cycle.name}</Link> — {PLAN_CYCLE_STATUS_LABELS[cycle.status]}
            {" · "}from {cycle.startedAt.slice(0, 10)}
            {cycle.endedAt ? ` to ${cycle.endedAt.slice(0, 10)}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}
