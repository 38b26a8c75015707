import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { OrgDate, StatusBadge } from "@planpulse/ui";
import { OBJECTIVE_STATUSES } from "@planpulse/validators/domain";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Overview", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  return { overview: await query(args, (caller) => caller.workspace.overview()) };
}

export default function Overview() {
  const { overview } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Overview</h1>
      <div className="stat-grid">
        <div className="stat">
          <div className="stat__value">{overview.members}</div>
          <div className="stat__label">members registered</div>
        </div>
        <div className="stat">
          <div className="stat__value">{overview.membersLast30Days}</div>
          <div className="stat__label">joined in the last 30 days</div>
        </div>
        <div className="stat">
          <div className="stat__value">{overview.objectives}</div>
          <div className="stat__label">objectives in the plan</div>
        </div>
        <div className="stat">
          <div className="stat__value">{overview.urgentObjectives}</div>
          <div className="stat__label">marked urgent priority</div>
        </div>
      </div>

      <h2>Progress at a glance</h2>
      <div className="table-scroll" tabIndex={0}>
        <table className="data">
          <caption className="visually-hidden">Objectives by status</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Objectives</th>
            </tr>
          </thead>
          <tbody>
            {OBJECTIVE_STATUSES.map((status) => (
              <tr key={status}>
                <td>
                  <StatusBadge status={status} />
                </td>
                <td>{overview.byStatus[status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 style={{ marginTop: "2rem" }}>Latest changes</h2>
      {overview.recentAudit.length === 0 ? (
        <p>Nothing has been recorded yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data">
            <caption className="visually-hidden">Latest audit log entries</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {overview.recentAudit.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <OrgDate iso={entry.createdAt} time />
                  </td>
                  <td>{entry.actor ?? "System"}</td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.targetType} {entry.targetId}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
