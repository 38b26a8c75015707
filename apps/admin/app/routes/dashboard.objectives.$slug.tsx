import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import {
  Breadcrumbs,
  formatDate,
  formatInterval,
  formatShare,
  formatSigned,
  ProgressBar,
  StanceChip,
  StanceSummary,
  StatusBadge,
  TrendMark,
  UrgentBadge,
} from "@planpulse/ui";
import { STANCE_LABELS, STANCES } from "@planpulse/validators/domain";
import { dashboardQuery, searchInput } from "../dashboard-query.server";
import { SegmentTable } from "../dashboard-components";
import { pageTitle } from "../page-title";

export { DashboardErrorBoundary as ErrorBoundary } from "../dashboard-components";

const FILTERS = ["segment", "segmentValue", "stance", "tone", "page"] as const;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, `${data.detail.objective.text.slice(0, 60)} · Dashboard`) : pageTitle(matches, "Dashboard") },
];

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const input = { ...searchInput(url, FILTERS), slug: args.params.slug ?? "" };
  return { detail: await dashboardQuery(args, (caller) => caller.insight.objective(input as never)), search: url.search };
}

function StanceCounts({
  stance,
}: {
  stance: { support: { count: number }; neutral: { count: number }; concern: { count: number }; n: number; net: number | null };
}) {
  return (
    <>
      <StanceSummary stance={{ support: stance.support.count, neutral: stance.neutral.count, concern: stance.concern.count, n: stance.n }} />
      {stance.n >= 5 ? <div className="insight-sub">net {formatSigned(stance.net)} points</div> : null}
    </>
  );
}

export default function ObjectiveDrillDown() {
  const { detail, search } = useLoaderData<typeof loader>();
  const { objective, filters, comments } = detail;
  const s = objective.signals;
  const pageLink = (page: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(page));
    return `?${params.toString()}#comments`;
  };
  const exportParams = new URLSearchParams(search);
  exportParams.delete("page");
  const segmentValues = detail.segments.cells.filter((c) => c.signals !== null).map((c) => ({ value: c.value, label: c.label }));
  return (
    <div className="dashboard">
      <Breadcrumbs trail={[{ label: "Dashboard", to: "/dashboard" }]} current={`${objective.domain.name} · objective ${objective.position}`} />
      <article className="objective-head">
        {objective.isUrgent ? <UrgentBadge /> : null}
        <h1>{objective.text}</h1>
        <div className="status-line">
          <StatusBadge status={objective.status} />
          <ProgressBar percent={objective.percentComplete} />
          <span>last update {formatDate(objective.lastUpdateAt)}</span>
        </div>
        {objective.alerts.length > 0 ? (
          <div className="alerts alerts--inline" role="region" aria-label="Alerts for this objective">
            <h2>Alerts</h2>
            <ul>
              {objective.alerts.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </article>

      <h2>Three signals</h2>
      <div className="signal-grid">
        <section className="card" aria-labelledby="sig-stance">
          <h3 id="sig-stance">Declared stance</h3>
          <StanceCounts stance={s.stance} />
          <p className="insight-sub">
            In favour {formatShare(s.stance.support)} ({formatInterval(s.stance.support)}); concerned {formatShare(s.stance.concern)} (
            {formatInterval(s.stance.concern)}).
          </p>
          <p>
            Trend: <TrendMark trend={objective.trends.stance} />
          </p>
        </section>
        <section className="card" aria-labelledby="sig-tone">
          <h3 id="sig-tone">Tone of comments</h3>
          <p>
            Mean {formatSigned(s.tone.mean, 2)} on a scale from −1 to +1 (n = {s.tone.n.toLocaleString("en-US")} comments)
          </p>
          <p className="insight-sub">
            {formatShare(s.tone.negative)} negative ({formatInterval(s.tone.negative)}). Comments: <TrendMark trend={objective.trends.comments} unit="" />
          </p>
        </section>
        <section className="card" aria-labelledby="sig-engagement">
          <h3 id="sig-engagement">Supporters and priority points</h3>
          <p>
            {s.engagement.supportVotes.toLocaleString("en-US")} supporters · {s.engagement.priorityPoints.toLocaleString("en-US")} priority points (
            {formatShare(s.engagement.pointsShare)} of all)
          </p>
          <p className="insight-sub">
            {objective.participants.toLocaleString("en-US")} participants. Staff answered {formatShare(objective.answered)} of{" "}
            {objective.answered.n.toLocaleString("en-US")} comments.
          </p>
        </section>
      </div>

      <h2>Stance before and after each progress update</h2>
      {detail.updates.length === 0 ? (
        <p>No progress updates have been posted yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data insight-table">
            <caption className="visually-hidden">Stance as of each progress update and four weeks later</caption>
            <thead>
              <tr>
                <th scope="col">Update</th>
                <th scope="col">Stance before</th>
                <th scope="col">Stance after (4 weeks later or today)</th>
              </tr>
            </thead>
            <tbody>
              {detail.updates.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    {formatDate(u.at)} · {u.percentComplete}%<div className="insight-sub">{u.body.slice(0, 140)}</div>
                  </th>
                  <td>
                    <StanceCounts stance={u.before} />
                  </td>
                  <td>
                    <StanceCounts stance={u.after} />
                    <div className="insight-sub">as of {formatDate(u.afterAt)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {detail.milestones.length > 0 ? (
        <>
          <h2>Milestones</h2>
          <ul className="milestone-list">
            {detail.milestones.map((m) => (
              <li key={`${m.title}-${m.dueOn}`}>
                {m.done ? "Done: " : "Open: "}
                {m.title}, due {formatDate(`${m.dueOn}T12:00:00Z`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <section aria-labelledby="segments-heading" id="segments">
        <h2 id="segments-heading">By {detail.segments.label.toLowerCase()}</h2>
        <nav aria-label="Segments" className="segment-tabs">
          {detail.segments.choices.map((choice) => (
            <Link
              key={choice.key}
              to={`?segment=${choice.key}#segments`}
              aria-current={choice.key === filters.segment ? "page" : undefined}
              className="segment-tabs__tab"
              preventScrollReset
            >
              {choice.label}
            </Link>
          ))}
        </nav>
        <SegmentTable segments={detail.segments} />
      </section>

      <section aria-labelledby="comments-heading" id="comments">
        <h2 id="comments-heading">The comments behind the figures</h2>
        <Form method="get" className="filter-bar" preventScrollReset>
          <input type="hidden" name="segment" value={filters.segment} />
          <div className="field">
            <label className="field__label" htmlFor="f-stance">
              Stance
            </label>
            <select id="f-stance" name="stance" className="field__input" defaultValue={filters.stance ?? ""}>
              <option value="">Any stance</option>
              {STANCES.map((value) => (
                <option key={value} value={value}>
                  {STANCE_LABELS[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="f-tone">
              Tone
            </label>
            <select id="f-tone" name="tone" className="field__input" defaultValue={filters.tone ?? ""}>
              <option value="">Any tone</option>
              <option value="negative">Negative</option>
              <option value="neutral">Neutral</option>
              <option value="positive">Positive</option>
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="f-segment">
              {detail.segments.label}
            </label>
            <select id="f-segment" name="segmentValue" className="field__input" defaultValue={filters.segmentValue ?? ""}>
              <option value="">Everyone</option>
              {segmentValues.map((v) => (
                <option key={v.value} value={v.value}>
                  {v.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Show comments
          </button>
        </Form>
        {detail.segmentNotice ? <p className="notice notice--info">{detail.segmentNotice}</p> : null}
        {comments.anonymised ? (
          <p className="notice notice--info">
            Filtered by {detail.segments.label.toLowerCase()}: members were promised their profile answers are never shown next to their name or comments, so
            these comments carry no names, only the day.
          </p>
        ) : null}
        <p>
          {comments.total === null
            ? `Showing comments ${(comments.page - 1) * comments.pageSize + (comments.items.length ? 1 : 0)}–${(comments.page - 1) * comments.pageSize + comments.items.length}.`
            : `${comments.totalCapped ? "More than " : ""}${comments.total.toLocaleString("en-US")} comment${comments.total === 1 ? "" : "s"} match${comments.total === 1 && !comments.totalCapped ? "es" : ""}.`}{" "}
          <a href={`/dashboard/objectives/${objective.slug}/comments.csv?${exportParams.toString()}`} download>
            Download these comments (CSV)
          </a>
        </p>
        <ol className="drill-comments">
          {comments.items.map((c) => (
            <li key={c.id} className="drill-comments__item">
              <div className="drill-comments__meta">
                {comments.anonymised ? "A member of this group" : (c.author ?? "A former member")} · {formatDate(c.createdAt)}
                {c.isReply ? " · reply" : ""}
                {c.stance ? <StanceChip stance={c.stance} /> : null}
                <span>tone {c.tone === null ? "not scored" : formatSigned(c.tone, 2)}</span>
              </div>
              <p className="drill-comments__body">{c.body}</p>
            </li>
          ))}
        </ol>
        {comments.page > 1 || comments.hasNext ? (
          <nav aria-label="Comment pages" className="pager">
            {comments.page > 1 ? <Link to={pageLink(comments.page - 1)}>Previous page</Link> : null}
            <span>Page {comments.page}</span>
            {comments.hasNext ? <Link to={pageLink(comments.page + 1)}>Next page</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
