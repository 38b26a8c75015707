import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { formatDate, ProgressBar, StatusBadge, UrgentBadge } from "@planpulse/ui";
import { pageTitle } from "../page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, `Strategic Plan Dashboard · ${data.dashboard.planTitle}`) : pageTitle(matches, "Strategic Plan Dashboard") },
  {
    name: "description",
    content: `Where the ${data?.dashboard.planTitle ?? "strategic plan"} stands: progress by domain and objective, urgent priorities, and how many members take part.`,
  },
];

export async function loader(args: LoaderFunctionArgs) {
  return { dashboard: await query(args, (caller) => caller.insight.publicDashboard()) };
}

export default function PublicDashboard() {
  const { dashboard } = useLoaderData<typeof loader>();
  const urgent = dashboard.domains.flatMap((d) => d.objectives.filter((o) => o.isUrgent).map((o) => ({ ...o, domainName: d.name })));
  const n = (value: number) => value.toLocaleString("en-US");
  return (
    <div className="dashboard public-dashboard">
      <h1>Strategic Plan Dashboard</h1>
      <p className="intro">
        Where the {dashboard.planTitle} stands: the progress staff report on each objective and how many members take part. Figures refresh within a minute
        {dashboard.refreshedAt ? `; last refreshed ${formatDate(dashboard.refreshedAt)}` : ""}. Print this page or save it as a PDF from your browser.
      </p>

      <div className="stat-grid">
        <div className="stat">
          <div className="stat__value">{n(dashboard.totals.objectives)}</div>
          <div className="stat__label">objectives in {dashboard.domains.length} domains</div>
        </div>
        <div className="stat">
          <div className="stat__value">{n(dashboard.totals.completed)}</div>
          <div className="stat__label">objectives completed</div>
        </div>
        <div className="stat">
          <div className="stat__value">{n(dashboard.totals.participants)}</div>
          <div className="stat__label">members have taken part</div>
        </div>
        <div className="stat">
          <div className="stat__value">{n(dashboard.totals.supportVotes)}</div>
          <div className="stat__label">supporters (support votes across the plan)</div>
        </div>
        <div className="stat">
          <div className="stat__value">{n(dashboard.totals.comments)}</div>
          <div className="stat__label">member comments, not counting staff replies</div>
        </div>
      </div>

      <section aria-labelledby="urgent-heading" className="public-dashboard__urgent">
        <h2 id="urgent-heading">Urgent priorities</h2>
        <ul className="objective-list">
          {urgent.map((o) => (
            <li key={o.slug} className="objective-row">
              <div className="objective-row__main">
                <UrgentBadge />
                <Link to={`/objectives/${o.slug}`} className="objective-row__text">
                  {o.text}
                </Link>
                <span className="insight-sub">{o.domainName}</span>
              </div>
              <div className="objective-row__meta">
                <StatusBadge status={o.status} />
                <ProgressBar percent={o.percentComplete} label={`Percent complete: ${o.text}`} />
              </div>
            </li>
          ))}
        </ul>
      </section>

      <h2 id="progress-heading">Progress by domain and objective</h2>
      <div className="table-scroll" tabIndex={0}>
        <table className="data insight-table" aria-labelledby="progress-heading">
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col">Status</th>
              <th scope="col">Percent complete</th>
              <th scope="col">Last update</th>
              <th scope="col">Members taking part</th>
              <th scope="col">Supporters</th>
              <th scope="col">Member comments</th>
            </tr>
          </thead>
          {dashboard.domains.map((domain) => (
            <tbody key={domain.slug}>
              <tr className="insight-table__domain">
                <th scope="row">
                  <Link to={`/domains/${domain.slug}`}>{domain.name}</Link>
                  <div className="insight-sub">{domain.objectives.length} objectives, average progress</div>
                </th>
                <td />
                <td>
                  <ProgressBar percent={domain.percentComplete} label={`Average percent complete: ${domain.name}`} />
                </td>
                <td />
                <td className="num">{n(domain.participants)}</td>
                <td className="num">{n(domain.objectives.reduce((sum, o) => sum + o.supportVotes, 0))}</td>
                <td className="num">{n(domain.objectives.reduce((sum, o) => sum + o.comments, 0))}</td>
              </tr>
              {domain.objectives.map((o) => (
                <tr key={o.slug} className="insight-table__objective">
                  <th scope="row">
                    {o.isUrgent ? <UrgentBadge /> : null}
                    <Link to={`/objectives/${o.slug}`} className="insight-table__text">
                      {o.text}
                    </Link>
                  </th>
                  <td>
                    <StatusBadge status={o.status} />
                  </td>
                  <td>
                    <ProgressBar percent={o.percentComplete} label={`Percent complete: ${o.text}`} />
                  </td>
                  <td>{formatDate(o.lastUpdateAt)}</td>
                  <td className="num">{n(o.participants)}</td>
                  <td className="num">{n(o.supportVotes)}</td>
                  <td className="num">{n(o.comments)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </div>
  );
}
