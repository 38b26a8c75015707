import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { RouterOutputs } from "@planpulse/api";
import { ErrorPanel, FewerThanFive, formatShare, formatSigned, StanceSummary } from "@planpulse/ui";

type Dashboard = RouterOutputs["insight"]["dashboard"];
export type Signals = Dashboard["domains"][number]["objectives"][number]["signals"];

export function drill(slug: string, params: Record<string, string> = {}): string {
  const search = new URLSearchParams(params).toString();
  return `/dashboard/objectives/${slug}${search ? `?${search}` : ""}#comments`;
}

export function StanceCell({ signals, slug }: { signals: Signals; slug?: string }) {
  const s = signals.stance;
  return (
    <>
      <StanceSummary stance={{ support: s.support.count, neutral: s.neutral.count, concern: s.concern.count, n: s.n }} compact />
      {s.n >= 5 ? (
        <div className="insight-sub">
          net {formatSigned(s.net)}
          {slug && s.concern.count > 0 ? (
            <>
              {" · "}
              <Link to={drill(slug, { stance: "concern" })}>comments by concerned members</Link>
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

export function ToneCell({ signals, slug }: { signals: Signals; slug?: string }) {
  const t = signals.tone;
  if (t.n === 0) return <span className="insight-sub">No comments yet</span>;
  return (
    <>
      <div>
        mean {formatSigned(t.mean, 2)} <span className="insight-sub">(n = {t.n.toLocaleString("en-US")})</span>
      </div>
      <div className="insight-sub">
        {slug ? <Link to={drill(slug, { tone: "negative" })}>{formatShare(t.negative)} negative</Link> : `${formatShare(t.negative)} negative`}
      </div>
    </>
  );
}

export function EngagementCells({ signals, participants }: { signals: Signals; participants: number }) {
  return (
    <>
      <td className="num">{signals.engagement.supportVotes.toLocaleString("en-US")}</td>
      <td className="num">
        {signals.engagement.priorityPoints.toLocaleString("en-US")}
        <div className="insight-sub">{formatShare(signals.engagement.pointsShare)} of all</div>
      </td>
      <td className="num">{participants.toLocaleString("en-US")}</td>
    </>
  );
}

export function SegmentTable({ segments }: { segments: Dashboard["segments"] }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data insight-table">
        <caption className="visually-hidden">Signals by {segments.label.toLowerCase()}</caption>
        <thead>
          <tr>
            <th scope="col">{segments.label}</th>
            <th scope="col">Members</th>
            <th scope="col">Declared stance</th>
            <th scope="col">Tone of comments</th>
            <th scope="col">Supporters</th>
            <th scope="col">Priority points</th>
          </tr>
        </thead>
        <tbody>
          {segments.cells.length === 0 ? (
            <tr>
              <td colSpan={6}>No one has taken part yet.</td>
            </tr>
          ) : null}
          {segments.cells.map((cell) => (
            <tr key={cell.value}>
              <th scope="row">{cell.label}</th>
              {cell.signals === null ? (
                <td colSpan={5}>
                  <FewerThanFive complementary={cell.suppressed === "complementary"} />
                </td>
              ) : (
                <>
                  <td className="num">{cell.members?.toLocaleString("en-US")}</td>
                  <td>
                    <StanceCell signals={cell.signals} />
                  </td>
                  <td>
                    <ToneCell signals={cell.signals} />
                  </td>
                  <td className="num">{cell.signals.engagement.supportVotes.toLocaleString("en-US")}</td>
                  <td className="num">{cell.signals.engagement.priorityPoints.toLocaleString("en-US")}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 400s (an unknown segment, a bad filter) get their own page; everything else goes to the root boundary. */
export function DashboardErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 400) {
    return (
      <ErrorPanel status={400} title="That dashboard view does not exist">
        <p>{typeof error.data === "string" ? error.data : "The address asks for something the dashboard cannot show."}</p>
        <p>
          <Link to="/dashboard">Back to the dashboard</Link>
        </p>
      </ErrorPanel>
    );
  }
  throw error;
}
