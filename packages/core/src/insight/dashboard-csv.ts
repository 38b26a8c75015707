import type { DashboardTable } from "@planpulse/validators";
import type { DB, Kysely } from "@planpulse/db";
import { toCsv, type CsvCell } from "../csv";
import type { Signals } from "./dashboard-figures";
import { getDashboard, type Dashboard } from "./get-dashboard";
import { getObjectiveInsight, type ObjectiveInsightFilters } from "./get-objective-insight";

const round = (value: number | null, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));
const pct = (value: number | null) => (value === null ? null : round(value * 100));

const SIGNAL_HEADER = [
  // Stance columns say "in_favour"/"concerned"; "supporters" is the vote. net_stance = in favour % − concerned %.
  "stance_n",
  "in_favour_pct",
  "in_favour_ci_low_pct",
  "in_favour_ci_high_pct",
  "neutral_pct",
  "concerned_pct",
  "net_stance",
  "tone_n",
  "tone_mean",
  "tone_negative_pct",
  "supporters",
  "priority_points",
  "priority_points_share_pct",
  "member_comments",
];

function signalCells(s: Signals): CsvCell[] {
  return [
    s.stance.n,
    pct(s.stance.support.share),
    pct(s.stance.support.interval?.low ?? null),
    pct(s.stance.support.interval?.high ?? null),
    pct(s.stance.neutral.share),
    pct(s.stance.concern.share),
    round(s.stance.net),
    s.tone.n,
    round(s.tone.mean, 3),
    pct(s.tone.negative.share),
    s.engagement.supportVotes,
    s.engagement.priorityPoints,
    pct(s.engagement.pointsShare.share),
    s.comments,
  ];
}

function tableFor(name: DashboardTable, d: Dashboard): { header: string[]; rows: CsvCell[][] } {
  switch (name) {
    case "objectives":
      return {
        header: [
          "domain",
          "objective",
          "slug",
          "urgent",
          "status",
          "percent_complete",
          "last_update",
          "participants",
          ...SIGNAL_HEADER,
          "net_stance_trend",
          "net_stance_change",
          "alerts",
        ],
        rows: d.domains.flatMap((domain) =>
          domain.objectives.map((o) => [
            domain.name,
            o.text,
            o.slug,
            o.isUrgent,
            o.status,
            o.percentComplete,
            o.lastUpdateAt?.slice(0, 10) ?? null,
            o.participants,
            ...signalCells(o.signals),
            o.trends.stance.direction,
            round(o.trends.stance.change),
            o.alerts.join(" "),
          ]),
        ),
      };
    case "domains":
      return {
        header: ["domain", "objectives", "average_percent_complete", "participants", ...SIGNAL_HEADER],
        rows: d.domains.map((domain) => [
          domain.name,
          domain.objectives.length,
          round(domain.percentComplete),
          domain.participants,
          ...signalCells(domain.signals),
        ]),
      };
    case "alerts":
      return { header: ["domain", "objective", "slug", "reason"], rows: d.alerts.flatMap((a) => a.reasons.map((r) => [a.domainName, a.text, a.slug, r])) };
    case "weekly":
      return {
        header: ["week_starting", "members_taking_part", "new_supporters", "member_comments", "stances_declared_or_changed", "priority_changes"],
        rows: d.weekly.map((w) => [w.week, w.participants, w.supportVotes, w.comments, w.stances, w.priorityChanges]),
      };
    case "headline": {
      const h = d.headline;
      return {
        header: ["figure", "value"],
        rows: [
          ["members taking part, last 7 days", h.participants7d],
          ["members taking part, last 30 days", h.participants30d],
          ["members taking part, last 90 days", h.participants90d],
          ["members who ever took part", h.participantsAll],
          ["comments", h.comments],
          ["comments, last 30 days", h.comments30d],
          ["supporters", h.supportVotes],
          ["priority points placed", h.priorityPoints],
          ["share of comments answered by staff (%)", pct(h.answered.share)],
          ["comments eligible for a staff answer", h.answered.n],
          ["median time to first staff response (hours)", h.medianResponseSeconds === null ? null : round(h.medianResponseSeconds / 3600, 2)],
        ],
      };
    }
    case "segments":
      return {
        header: [d.segments.label.toLowerCase(), "members", ...SIGNAL_HEADER],
        rows: d.segments.cells.map((c) =>
          c.signals === null ? [c.label, "fewer than 5", ...SIGNAL_HEADER.map(() => null)] : [c.label, c.members, ...signalCells(c.signals)],
        ),
      };
  }
}

/** One dashboard table as CSV (cells that could run as formulas are neutralised). */
export async function exportDashboardCsv(db: Kysely<DB>, input: { table: DashboardTable; segment?: string }): Promise<{ filename: string; csv: string }> {
  const dashboard = await getDashboard(db, { segment: input.segment });
  const table = tableFor(input.table, dashboard);
  const stamp = new Date().toISOString().slice(0, 10);
  const suffix = input.table === "segments" && dashboard.segments.segment ? `-${dashboard.segments.segment}` : "";
  return { filename: `plan-pulse-${input.table}${suffix}-${stamp}.csv`, csv: toCsv(table.header, table.rows) };
}

/** Every comment behind a drill-down (same filters), newest first, up to 50,000 rows. */
export async function exportObjectiveCommentsCsv(db: Kysely<DB>, input: ObjectiveInsightFilters): Promise<{ filename: string; csv: string }> {
  const rows: CsvCell[][] = [];
  let page = 1;
  let slug = input.slug;
  for (;;) {
    const detail = await getObjectiveInsight(db, { ...input, page }, new Date(), 1_000);
    slug = detail.objective.slug;
    for (const c of detail.comments.items)
      rows.push([c.createdAt, c.author, c.isReply ? "reply" : "comment", c.stance, c.tone === null ? null : Number(c.tone.toFixed(3)), c.body]);
    if (!detail.comments.hasNext || rows.length >= 50_000) break;
    page += 1;
  }
  const stamp = new Date().toISOString().slice(0, 10);
  return { filename: `plan-pulse-comments-${slug}-${stamp}.csv`, csv: toCsv(["created_at", "author", "kind", "stance", "tone", "text"], rows) };
}
