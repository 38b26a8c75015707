import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { Breadcrumbs, OrgDate } from "@planpulse/ui";
import { PLAN_CYCLE_STATUS_LABELS } from "@planpulse/validators/domain";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Plan cycles", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  // Admins only, as the rest of /plan.
  await query(args, (caller) => caller.planAdmin.get());
  return { cycles: await query(args, (caller) => caller.plan.cycles()) };
}

export default function AdminPlanCycles() {
  const { cycles } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Plan", to: "/plan" }]} current="Cycles" />
      <h1>Plan cycles</h1>
      <p className="ws-lead">
        One cycle is current; earlier ones are archived and read-only, and members can still read them in the portal at /plans/&lt;web name&gt;. Start a new
        cycle from the <Link to="/plan/import">import page</Link>; compare cycles on the <Link to="/dashboard/cycles">dashboard</Link>.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Plan cycles">
        <table className="data">
          <caption className="visually-hidden">Plan cycles, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Cycle</th>
              <th scope="col">Web name</th>
              <th scope="col">State</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
            </tr>
          </thead>
          <tbody>
            {cycles.map((c) => (
              <tr key={c.slug}>
                <th scope="row">{c.name}</th>
                <td>{c.slug}</td>
                <td>{PLAN_CYCLE_STATUS_LABELS[c.status]}</td>
                <td>
                  <OrgDate iso={c.startedAt} />
                </td>
                <td>{c.endedAt ? <OrgDate iso={c.endedAt} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
