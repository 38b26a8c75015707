import { sql, type DB, type Kysely, type ObjectiveStatus } from "@planpulse/db";
import { NOT_STATED, WEEKLY_SERIES_WEEKS } from "./rollups";
import { AppError } from "../errors";
import {
  segmentCells,
  signalsFrom,
  sumSignalRows,
  trendsFrom,
  type SegmentBreakdown,
  type SegmentChoice,
  type Signals,
  type Trends,
} from "./dashboard-figures";
import { alertReasons, describeAlert, share, type MilestoneInput, type Share } from "./stats";

export type ObjectiveInsight = {
  id: number;
  slug: string;
  position: number;
  text: string;
  isUrgent: boolean;
  status: ObjectiveStatus;
  percentComplete: number;
  lastUpdateAt: string | null;
  domain: { slug: string; name: string };
  participants: number;
  signals: Signals;
  trends: Trends;
  answered: Share;
  medianResponseSeconds: number | null;
  alerts: string[];
};

export type DomainInsight = {
  slug: string;
  name: string;
  percentComplete: number;
  participants: number;
  signals: Signals;
  objectives: ObjectiveInsight[];
};

export type WeeklyPoint = { week: string; participants: number; comments: number; supportVotes: number; stances: number; priorityChanges: number };

export type Headline = {
  participants7d: number;
  participants30d: number;
  participants90d: number;
  participantsAll: number;
  comments: number;
  comments30d: number;
  supportVotes: number;
  supportVotes30d: number;
  priorityPoints: number;
  priorityMembers: number;
  answered: Share;
  medianResponseSeconds: number | null;
};

export type Dashboard = {
  refreshedAt: string | null;
  headline: Headline;
  alerts: Array<{ slug: string; text: string; domainName: string; reasons: string[] }>;
  domains: DomainInsight[];
  weekly: WeeklyPoint[];
  segments: SegmentBreakdown;
};

function mondayOf(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const offset = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - offset * 86_400_000);
}

/** The last 26 weeks, with empty weeks as zeros so the line never skips. */
export function fillWeeks(
  rows: ReadonlyArray<{ week: string; participants: number; comments: number; support_votes: number; stances: number; priority_changes: number }>,
  now: Date,
): WeeklyPoint[] {
  const byWeek = new Map(rows.map((r) => [String(r.week).slice(0, 10), r]));
  const last = mondayOf(now);
  const points: WeeklyPoint[] = [];
  for (let i = WEEKLY_SERIES_WEEKS - 1; i >= 0; i -= 1) {
    const week = new Date(last.getTime() - i * 7 * 86_400_000).toISOString().slice(0, 10);
    const row = byWeek.get(week);
    points.push({
      week,
      participants: Number(row?.participants ?? 0),
      comments: Number(row?.comments ?? 0),
      supportVotes: Number(row?.support_votes ?? 0),
      stances: Number(row?.stances ?? 0),
      priorityChanges: Number(row?.priority_changes ?? 0),
    });
  }
  return points;
}

export async function loadMilestones(db: Kysely<DB>, objectiveIds?: number[]): Promise<Map<number, MilestoneInput[]>> {
  let q = db
    .selectFrom("milestones")
    .select(["objective_id", "title", sql<string | null>`due_date::text`.as("due"), "done", "updated_at", "created_at"])
    .where("retired_at", "is", null);
  if (objectiveIds) q = q.where("objective_id", "in", objectiveIds.length ? objectiveIds : [-1]);
  const rows = await q.execute();
  const map = new Map<number, MilestoneInput[]>();
  for (const row of rows) {
    if (!row.due) continue;
    const list = map.get(row.objective_id) ?? [];
    list.push({ title: row.title, dueOn: new Date(`${row.due}T23:59:59Z`), doneAt: row.done ? row.updated_at : null, createdAt: row.created_at });
    map.set(row.objective_id, list);
  }
  return map;
}

/** Every objective with its progress and its three signals, grouped by domain; read from the rollups. */
export async function loadObjectiveInsights(db: Kysely<DB>, now: Date): Promise<{ domains: DomainInsight[]; allPoints: number }> {
  const [objectives, lastUpdates, domainRollups, milestones] = await Promise.all([
    db
      .selectFrom("objectives as o")
      .innerJoin("domains as d", "d.id", "o.domain_id")
      .leftJoin("insight_objective_rollups as r", "r.objective_id", "o.id")
      .select([
        "o.id",
        "o.slug",
        "o.position",
        "o.text",
        "o.is_urgent",
        "o.status",
        "o.percent_complete",
        "d.id as domain_id",
        "d.slug as domain_slug",
        "d.name as domain_name",
        sql<number>`coalesce(r.participants, 0)`.as("participants"),
        sql<number>`coalesce(r.stance_support, 0)`.as("stance_support"),
        sql<number>`coalesce(r.stance_neutral, 0)`.as("stance_neutral"),
        sql<number>`coalesce(r.stance_concern, 0)`.as("stance_concern"),
        sql<number>`coalesce(r.support_votes, 0)`.as("support_votes"),
        sql<number>`coalesce(r.priority_points, 0)`.as("priority_points"),
        sql<number>`coalesce(r.comments, 0)`.as("comments"),
        sql<number>`coalesce(r.tone_n, 0)`.as("tone_n"),
        sql<number>`coalesce(r.tone_sum, 0)`.as("tone_sum"),
        sql<number>`coalesce(r.tone_negative, 0)`.as("tone_negative"),
        sql<number>`coalesce(r.stance_recent_support, 0)`.as("stance_recent_support"),
        sql<number>`coalesce(r.stance_recent_neutral, 0)`.as("stance_recent_neutral"),
        sql<number>`coalesce(r.stance_recent_concern, 0)`.as("stance_recent_concern"),
        sql<number>`coalesce(r.stance_previous_support, 0)`.as("stance_previous_support"),
        sql<number>`coalesce(r.stance_previous_neutral, 0)`.as("stance_previous_neutral"),
        sql<number>`coalesce(r.stance_previous_concern, 0)`.as("stance_previous_concern"),
        sql<number>`coalesce(r.comments_recent, 0)`.as("comments_recent"),
        sql<number>`coalesce(r.comments_previous, 0)`.as("comments_previous"),
        sql<number>`coalesce(r.votes_recent, 0)`.as("votes_recent"),
        sql<number>`coalesce(r.votes_previous, 0)`.as("votes_previous"),
        sql<number>`coalesce(r.comments_eligible, 0)`.as("comments_eligible"),
        sql<number>`coalesce(r.comments_answered, 0)`.as("comments_answered"),
        "r.median_response_seconds",
      ])
      .where("o.retired_at", "is", null)
      // The current plan cycle only (decision 024); earlier cycles are compared at /dashboard/cycles.
      .where("d.retired_at", "is", null)
      .where(sql<boolean>`d.plan_id in (select p.id from plans p join plan_cycles pc on pc.id = p.cycle_id where pc.status = 'active')`)
      .orderBy("d.position")
      .orderBy("o.position")
      .execute(),
    db
      .selectFrom("progress_updates")
      .select(["objective_id", (eb) => eb.fn.max("created_at").as("at")])
      .groupBy("objective_id")
      .execute(),
    db.selectFrom("insight_domain_rollups").select(["domain_id", "participants"]).execute(),
    loadMilestones(db),
  ]);
  const lastUpdateBy = new Map(lastUpdates.map((u) => [u.objective_id, u.at ? new Date(u.at as unknown as string) : null]));
  const domainParticipants = new Map(domainRollups.map((r) => [r.domain_id, Number(r.participants)]));
  const allPoints = objectives.reduce((sum, o) => sum + Number(o.priority_points), 0);

  const domains = new Map<number, DomainInsight & { rows: typeof objectives }>();
  for (const row of objectives) {
    const signals = signalsFrom(row, Number(row.participants), allPoints);
    const trends = trendsFrom(row);
    const reasons = alertReasons(
      {
        slug: row.slug,
        isUrgent: row.is_urgent,
        percentComplete: row.percent_complete,
        stance: signals.stance,
        trend: trends.stance,
        milestones: milestones.get(row.id) ?? [],
      },
      now,
    );
    const insight: ObjectiveInsight = {
      id: row.id,
      slug: row.slug,
      position: row.position,
      text: row.text,
      isUrgent: row.is_urgent,
      status: row.status,
      percentComplete: row.percent_complete,
      lastUpdateAt: lastUpdateBy.get(row.id)?.toISOString() ?? null,
      domain: { slug: row.domain_slug, name: row.domain_name },
      participants: Number(row.participants),
      signals,
      trends,
      answered: share(Number(row.comments_answered), Number(row.comments_eligible)),
      medianResponseSeconds: row.median_response_seconds === null ? null : Number(row.median_response_seconds),
      alerts: reasons.map(describeAlert),
    };
    let domain = domains.get(row.domain_id);
    if (!domain) {
      domain = {
        slug: row.domain_slug,
        name: row.domain_name,
        percentComplete: 0,
        participants: domainParticipants.get(row.domain_id) ?? 0,
        signals: signals,
        objectives: [],
        rows: [],
      };
      domains.set(row.domain_id, domain);
    }
    domain.objectives.push(insight);
    domain.rows.push(row);
  }
  return {
    allPoints,
    domains: [...domains.values()].map(({ rows, ...domain }) => ({
      ...domain,
      percentComplete: domain.objectives.reduce((sum, o) => sum + o.percentComplete, 0) / Math.max(1, domain.objectives.length),
      signals: signalsFrom(sumSignalRows(rows), domain.participants, allPoints),
    })),
  };
}

/** The question a breakdown is by: the one asked for, else the first leadership may choose. */
export type ResolvedSegment = { key: string; label: string; questionId: number | null; choices: SegmentChoice[] };

export async function resolveSegment(db: Kysely<DB>, key: string | undefined): Promise<ResolvedSegment> {
  const questions = await db
    .selectFrom("profile_questions")
    .select(["id", "key", "label"])
    .where("breakdown", "=", true)
    .where("retired_at", "is", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const choices = questions.map((q) => ({ key: q.key, label: q.label }));
  const question = key === undefined ? questions[0] : questions.find((q) => q.key === key);
  if (!question) {
    if (key === undefined) return { key: "", label: "Segment", questionId: null, choices };
    const list = choices.length > 0 ? choices.map((c) => `${c.label} (${c.key})`).join(", ") : "none yet (an admin marks profile questions for it)";
    throw new AppError("BAD_REQUEST", {
      userMessage: `There is no segment “${key}”. Segments you can choose: ${list}.`,
      fieldErrors: { segment: [`Segments you can choose: ${list}`] },
    });
  }
  return { key: question.key, label: question.label, questionId: question.id, choices };
}

export async function loadSegmentBreakdown(
  db: Kysely<DB>,
  segment: ResolvedSegment,
  objectiveId: number,
  allPoints: number,
  total: number,
): Promise<SegmentBreakdown> {
  const base = { segment: segment.key, label: segment.label, total, choices: segment.choices };
  if (segment.questionId === null) return { ...base, cells: [] };
  const [rows, options] = await Promise.all([
    db.selectFrom("insight_segment_rollups").selectAll().where("segment", "=", segment.key).where("objective_id", "=", objectiveId).execute(),
    db.selectFrom("profile_options").select(["id", "label", "retired_at"]).where("question_id", "=", segment.questionId).execute(),
  ]);
  const labels = new Map(options.map((o) => [String(o.id), o.retired_at ? `${o.label} (retired)` : o.label]));
  const cells = rows.map((r) => ({ ...r, members: Number(r.members), label: r.value === NOT_STATED ? NOT_STATED : (labels.get(r.value) ?? "Deleted option") }));
  return { ...base, cells: segmentCells(cells, allPoints) };
}

/** The leadership dashboard: alerts, headline figures, the objective table, weekly series, one segment breakdown. */
export async function getDashboard(db: Kysely<DB>, options: { segment?: string; now?: Date }): Promise<Dashboard> {
  const now = options.now ?? new Date();
  const [headline, weekly, insights, segment] = await Promise.all([
    db.selectFrom("insight_headline").selectAll().where("id", "=", 1).executeTakeFirst(),
    db
      .selectFrom("insight_weekly")
      .select([sql<string>`week::text`.as("week"), "participants", "comments", "support_votes", "stances", "priority_changes"])
      .execute(),
    loadObjectiveInsights(db, now),
    resolveSegment(db, options.segment),
  ]);
  if (!headline) throw new AppError("SERVICE_UNAVAILABLE", { userMessage: "The dashboard figures are not ready yet. Try again in a minute." });
  const participantsAll = Number(headline.participants_all);
  const segments = await loadSegmentBreakdown(db, segment, 0, insights.allPoints, participantsAll);
  const alerts = insights.domains
    .flatMap((d) => d.objectives)
    .filter((o) => o.alerts.length > 0)
    .map((o) => ({ slug: o.slug, text: o.text, domainName: o.domain.name, reasons: o.alerts }));
  return {
    refreshedAt: headline.refreshed_at?.toISOString() ?? null,
    headline: {
      participants7d: Number(headline.participants_7d),
      participants30d: Number(headline.participants_30d),
      participants90d: Number(headline.participants_90d),
      participantsAll,
      comments: Number(headline.comments),
      comments30d: Number(headline.comments_30d),
      supportVotes: Number(headline.support_votes),
      supportVotes30d: Number(headline.support_votes_30d),
      priorityPoints: Number(headline.priority_points),
      priorityMembers: Number(headline.priority_members),
      answered: share(Number(headline.comments_answered), Number(headline.comments_eligible)),
      medianResponseSeconds: headline.median_response_seconds === null ? null : Number(headline.median_response_seconds),
    },
    alerts,
    domains: insights.domains,
    weekly: fillWeeks(weekly, now),
    segments,
  };
}
