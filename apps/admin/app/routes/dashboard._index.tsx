import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  formatDate,
  formatDuration,
  formatInterval,
  formatShare,
  ProgressBar,
  QuadrantChart,
  StatusBadge,
  TrendMark,
  UrgentBadge,
  WeeklyLineChart,
} from "@planpulse/ui";
import { DomainFold, EngagementCells, SegmentTable, StanceCell, ToneCell, usePrintOpensDomainFolds } from "../dashboard-components";
import { dashboardQuery, searchInput } from "../dashboard-query.server";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Leadership dashboard", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  const input = searchInput(new URL(args.request.url), ["segment"]);
  return { dashboard: await dashboardQuery(args, (caller) => caller.insight.dashboard(input)) };
}

function objectiveCode(o: { domain: { name: string }; position: number }): string {
  return `${o.domain.name.charAt(0)}${o.position}`;
}

export default function LeadershipDashboard() {
  const { dashboard } = useLoaderData<typeof loader>();
  const { headline } = dashboard;
  const objectives = dashboard.domains.flatMap((d) => d.objectives);
  const segment = dashboard.segments.segment;
  usePrintOpensDomainFolds();
  return (
    <div className="dashboard">
      <div className="dashboard__head">
        <h1>Leadership dashboard</h1>
        <p className="insight-sub">
          Figures as of{" "}
          {dashboard.refreshedAt
            ? new Date(dashboard.refreshedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC"
            : "— not computed yet"}
          ; they refresh within a minute of any change. Use your browser's print command to save this page as a PDF.
        </p>
        <p className="insight-sub">
          <Link to="/dashboard/cycles">Compare plan cycles</Link>
        </p>
      </div>

      <section className={dashboard.alerts.length === 0 ? "alerts alerts--clear" : "alerts"} aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts</h2>
        {dashboard.alerts.length === 0 ? (
          <p>No urgent objective has a negative or falling net stance, or is behind its milestones.</p>
        ) : (
          <ul className="alerts__list">
            {dashboard.alerts.map((alert) => (
              <li key={alert.slug} className="alerts__item">
                <UrgentBadge />{" "}
                <Link to={`/dashboard/objectives/${alert.slug}`} className="alerts__link">
                  {alert.text}
                </Link>{" "}
                <span className="insight-sub">({alert.domainName})</span>
                <ul>
                  {alert.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        <p className="csv-links">
          <a href="/dashboard/export/alerts.csv" download>
            Download alerts (CSV)
          </a>
        </p>
      </section>

      <h2>Headline figures</h2>
      <div className="stat-grid">
        <div className="stat">
          <div className="stat__value">{headline.participants7d.toLocaleString("en-US")}</div>
          <div className="stat__label">members took part in the last 7 days</div>
        </div>
        <div className="stat">
          <div className="stat__value">{headline.participants30d.toLocaleString("en-US")}</div>
          <div className="stat__label">in the last 30 days</div>
        </div>
        <div className="stat">
          <div className="stat__value">{headline.participants90d.toLocaleString("en-US")}</div>
          <div className="stat__label">in the last 90 days (of {headline.participantsAll.toLocaleString("en-US")} ever)</div>
        </div>
        <div className="stat">
          <div className="stat__value">{headline.comments.toLocaleString("en-US")}</div>
          <div className="stat__label">comments ({headline.comments30d.toLocaleString("en-US")} in 30 days)</div>
        </div>
        <div className="stat">
          <div className="stat__value">{headline.supportVotes.toLocaleString("en-US")}</div>
          <div className="stat__label">supporters ({headline.supportVotes30d.toLocaleString("en-US")} in 30 days)</div>
        </div>
        <div className="stat">
          <div className="stat__value">{headline.priorityPoints.toLocaleString("en-US")}</div>
          <div className="stat__label">priority points placed by {headline.priorityMembers.toLocaleString("en-US")} members</div>
        </div>
        <div className="stat">
          <div className={headline.answered.n === 0 ? "stat__value stat__value--empty" : "stat__value"}>{formatShare(headline.answered)}</div>
          <div className="stat__label">
            of comments answered by staff (n = {headline.answered.n.toLocaleString("en-US")}
            {headline.answered.n > 0 ? `; ${formatInterval(headline.answered)}` : ""})
          </div>
        </div>
        <div className="stat">
          <div className={headline.medianResponseSeconds == null ? "stat__value stat__value--empty" : "stat__value"}>
            {formatDuration(headline.medianResponseSeconds)}
          </div>
          <div className="stat__label">median time to first staff response</div>
        </div>
      </div>
      <p className="csv-links">
        <a href="/dashboard/export/headline.csv" download>
          Download headline figures (CSV)
        </a>
      </p>

      <section aria-labelledby="objectives-heading" className="domain-folds">
        <h2 id="objectives-heading">Every objective: progress next to what members feel</h2>
        <p className="insight-sub">
          One line per domain; open a domain for its objectives. Three separate signals: declared stance (what members chose), tone (read automatically from
          comment wording) and engagement (supporters and priority points). Trend compares the last 4 weeks with the 4 before; net stance is the in-favour share
          minus the concerned share. Open an objective for every n and 95% interval and the comments behind each figure; the CSV files hold them all.
        </p>
        {dashboard.domains.map((domain) => (
          <DomainFold
            key={domain.slug}
            domain={domain}
            alerts={dashboard.alerts.filter((alert) => domain.objectives.some((o) => o.slug === alert.slug)).length}
          >
            <div className="table-scroll" tabIndex={0}>
              <table className="data insight-table">
                <caption className="visually-hidden">Objectives of {domain.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Objective</th>
                    <th scope="col">Progress</th>
                    <th scope="col">Declared stance</th>
                    <th scope="col">Tone of comments</th>
                    <th scope="col">Supporters</th>
                    <th scope="col">Priority points</th>
                    <th scope="col">Participants</th>
                    <th scope="col">Trend (net stance)</th>
                  </tr>
                </thead>
                <tbody>
                  <tr className="insight-table__domain">
                    <th scope="row">
                      Domain total
                      <div className="insight-sub">{domain.objectives.length} objectives</div>
                    </th>
                    <td>
                      <ProgressBar percent={domain.percentComplete} label={`Average percent complete: ${domain.name}`} />
                    </td>
                    <td>
                      <StanceCell signals={domain.signals} />
                    </td>
                    <td>
                      <ToneCell signals={domain.signals} />
                    </td>
                    <EngagementCells signals={domain.signals} participants={domain.participants} />
                    <td />
                  </tr>
                  {domain.objectives.map((o) => (
                    <tr key={o.slug} className="insight-table__objective">
                      <th scope="row">
                        {o.isUrgent ? <UrgentBadge /> : null}
                        <Link to={`/dashboard/objectives/${o.slug}`} className="insight-table__text">
                          <span className="insight-code">{objectiveCode(o)}</span> {o.text}
                        </Link>
                      </th>
                      <td>
                        <StatusBadge status={o.status} />
                        <ProgressBar percent={o.percentComplete} label={`Percent complete: ${o.text}`} />
                        <div className="insight-sub">last update {formatDate(o.lastUpdateAt)}</div>
                      </td>
                      <td>
                        <StanceCell signals={o.signals} slug={o.slug} />
                      </td>
                      <td>
                        <ToneCell signals={o.signals} slug={o.slug} />
                      </td>
                      <EngagementCells signals={o.signals} participants={o.participants} />
                      <td>
                        <TrendMark trend={o.trends.stance} />
                        <div className="insight-sub">
                          comments <TrendMark trend={o.trends.comments} unit="" />
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </DomainFold>
        ))}
      </section>
      <p className="csv-links">
        <a href="/dashboard/export/objectives.csv" download>
          Download objectives (CSV)
        </a>{" "}
        <a href="/dashboard/export/domains.csv" download>
          Download domains (CSV)
        </a>
      </p>

      <div className="dashboard__charts">
        <QuadrantChart
          id="quadrant"
          points={objectives.map((o) => ({
            key: o.slug,
            label: objectiveCode(o),
            name: o.text,
            percentComplete: o.percentComplete,
            netStance: o.signals.stance.n >= 5 ? o.signals.stance.net : null,
            stanceN: o.signals.stance.n,
            participants: o.participants,
            isUrgent: o.isUrgent,
            href: `/dashboard/objectives/${o.slug}`,
          }))}
        />
        <WeeklyLineChart
          id="weekly"
          title="Weekly engagement"
          weeks={dashboard.weekly.map((w) => w.week)}
          series={[
            { key: "participants", label: "Members taking part", color: "#1b1f24", values: dashboard.weekly.map((w) => w.participants) },
            { key: "votes", label: "New supporters", color: "#1d4ed8", dash: "6 3", values: dashboard.weekly.map((w) => w.supportVotes) },
            { key: "comments", label: "Comments", color: "#b45309", dash: "2 2", values: dashboard.weekly.map((w) => w.comments) },
            { key: "stances", label: "Stances declared or changed", color: "#166534", dash: "8 2 2 2", values: dashboard.weekly.map((w) => w.stances) },
          ]}
        />
        <p className="csv-links">
          <a href="/dashboard/export/weekly.csv" download>
            Download weekly series (CSV)
          </a>
        </p>
      </div>

      <section aria-labelledby="segments-heading" id="segments" className="segments">
        <h2 id="segments-heading">By member segment: {dashboard.segments.label.toLowerCase()}</h2>
        <nav aria-label="Segments" className="segment-tabs">
          {dashboard.segments.choices.map((choice) => (
            <Link
              key={choice.key}
              to={`?segment=${choice.key}#segments`}
              aria-current={choice.key === segment ? "page" : undefined}
              className="segment-tabs__tab"
              preventScrollReset
            >
              {choice.label}
            </Link>
          ))}
        </nav>
        <p className="insight-sub">
          Across the whole plan; {dashboard.segments.total.toLocaleString("en-US")} members took part. Where members may choose several answers, the groups
          overlap. Groups of fewer than 5 members show no figures.
        </p>
        <SegmentTable segments={dashboard.segments} />
        <p className="csv-links">
          <a href={`/dashboard/export/segments.csv?segment=${segment}`} download>
            Download {dashboard.segments.label.toLowerCase()} breakdown (CSV)
          </a>
        </p>
      </section>
    </div>
  );
}

export { DashboardErrorBoundary as ErrorBoundary } from "../dashboard-components";
