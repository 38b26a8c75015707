import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import type { RouterOutputs } from "@planpulse/api";
import { ErrorPanel, FewerThanFive, formatShare, formatSigned, MIN_GROUP_SIZE, StanceSummary } from "@planpulse/ui";
import { STATUS_LABELS } from "@planpulse/validators/domain";

type Dashboard = RouterOutputs["insight"]["dashboard"];
export type Signals = Dashboard["domains"][number]["objectives"][number]["signals"];

export function drill(slug: string, params: Record<string, string> = {}): string {
  const search = new URLSearchParams(params).toString();
  return `/dashboard/objectives/${slug}${search ? `?${search}` : ""}#comments`;
}

type DomainInsight = Dashboard["domains"][number];

const plural = (count: number, word: string) => `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;

/** Read as one sentence by screen readers (a summary's text is its name); sighted readers see the line break or gap instead. */
function Pause() {
  return <span className="visually-hidden">; </span>;
}

/**
 * One domain of the leadership dashboard, folded to a line of headline figures; its objectives open on
 * demand. A details/summary pair: works without JavaScript, opens with Enter or Space, and its open
 * state is announced. Find in page (Chrome) opens the fold holding what it finds.
 */
export function DomainFold({ domain, alerts, children }: { domain: DomainInsight; alerts: number; children: ReactNode }) {
  const urgent = domain.objectives.filter((o) => o.isUrgent).length;
  const behind = (["at_risk", "off_track"] as const)
    .map((status) => ({ status, count: domain.objectives.filter((o) => o.status === status).length }))
    .filter((b) => b.count > 0);
  const stance = domain.signals.stance;
  const percent = Math.max(0, Math.min(100, Math.round(domain.percentComplete)));
  return (
    <details className="domain-fold" id={`domain-${domain.slug}`}>
      <summary className="domain-fold__summary">
        <span className="domain-fold__name">{domain.name}</span>
        <Pause />
        <span className="domain-fold__figures">
          <span className="domain-fold__figure domain-fold__count">
            {plural(domain.objectives.length, "objective")}
            {urgent > 0 ? `, ${urgent} urgent` : ""}
            {behind.map((b) => `, ${b.count} ${STATUS_LABELS[b.status].toLowerCase()}`).join("")}
          </span>
          {alerts > 0 ? (
            <>
              <Pause />
              <span className="domain-fold__figure domain-fold__alerts">{plural(alerts, "alert")}</span>
            </>
          ) : null}
          <Pause />
          <span className="domain-fold__figure">
            <span className="progress__track" aria-hidden="true">
              <span className="progress__fill" style={{ width: `${percent}%` }} />
            </span>{" "}
            {percent}% complete on average
          </span>
          <Pause />
          <span className="domain-fold__figure">
            <StanceSummary stance={{ support: stance.support.count, neutral: stance.neutral.count, concern: stance.concern.count, n: stance.n }} compact />
          </span>
          {stance.n >= MIN_GROUP_SIZE ? (
            <>
              <Pause />
              <span className="domain-fold__figure">net stance {formatSigned(stance.net)}</span>
            </>
          ) : null}
          <Pause />
          <span className="domain-fold__figure">{plural(domain.signals.engagement.supportVotes, "supporter")}</span>
          <Pause />
          <span className="domain-fold__figure">{domain.participants.toLocaleString("en-US")} took part</span>
        </span>
      </summary>
      <div className="domain-fold__body">{children}</div>
    </details>
  );
}

/** Printing (or saving as PDF) shows every domain's objectives, then folds back the ones that were closed. */
export function usePrintOpensDomainFolds() {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = Array.from(document.querySelectorAll<HTMLDetailsElement>("details.domain-fold:not([open])"));
      for (const fold of opened) fold.open = true;
    };
    const after = () => {
      for (const fold of opened) fold.open = false;
      opened = [];
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
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
