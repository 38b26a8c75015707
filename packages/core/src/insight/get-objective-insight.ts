import { sql, type CommentStance, type DB, type Kysely } from "@planpulse/db";
import { NOT_STATED } from "./rollups";
import type { ToneFilter } from "@planpulse/validators";
import { AppError } from "../errors";
import type { SegmentBreakdown } from "./dashboard-figures";
import { loadObjectiveInsights, loadSegmentBreakdown, resolveSegment, loadMilestones, type ObjectiveInsight } from "./get-dashboard";
import { MIN_GROUP_SIZE, NEGATIVE_TONE, stanceSignal, type MilestoneInput, type StanceSignal } from "./stats";

export const DRILL_DOWN_PAGE_SIZE = 25;
/** Counting stops here ("more than 1,000"): an exact count of a huge thread is not worth a slow page. */
export const COUNT_CAP = 1_000;
/** Tone at or above this is positive; between NEGATIVE_TONE and this is neutral. */
const POSITIVE_TONE = 0.05;
/** "After" an update is the stance four weeks later (or today, if sooner). */
const AFTER_UPDATE_DAYS = 28;

export type StanceAroundUpdate = {
  id: number;
  at: string;
  body: string;
  status: string;
  percentComplete: number;
  before: StanceSignal;
  after: StanceSignal;
  afterAt: string;
};

export type DrillDownComment = {
  /** The comment's id; with a segment filter only a position in the list (no link back to the comment). */
  id: number;
  body: string;
  stance: CommentStance | null;
  tone: number | null;
  /** Null for a former member, and always null under a segment filter. */
  author: string | null;
  /** An instant; under a segment filter only the day. */
  createdAt: string;
  isReply: boolean;
};

export type ObjectiveInsightDetail = {
  objective: ObjectiveInsight;
  segments: SegmentBreakdown;
  milestones: Array<{ title: string; dueOn: string; done: boolean }>;
  updates: StanceAroundUpdate[];
  /** total is null when a segment filter applies (not counted), and capped at COUNT_CAP. */
  /**
   * anonymised: a segment filter applies, so (as /me promises) nothing next to a comment says who
   * wrote it: no name, no id, only the day.
   */
  comments: { items: DrillDownComment[]; anonymised: boolean; total: number | null; totalCapped: boolean; hasNext: boolean; page: number; pageSize: number };
  filters: { segment: string; segmentValue: string | null; stance: CommentStance | null; tone: ToneFilter | null };
  /** Set when a segment filter was refused because the group is too small to show. */
  segmentNotice: string | null;
};

export type ObjectiveInsightFilters = { slug: string; segment?: string; segmentValue?: string; stance?: CommentStance; tone?: ToneFilter; page: number };

async function stanceAround(db: Kysely<DB>, objectiveId: number, now: Date): Promise<StanceAroundUpdate[]> {
  const updates = await db
    .selectFrom("progress_updates")
    .select(["id", "body", "status", "percent_complete", "created_at"])
    .where("objective_id", "=", objectiveId)
    .orderBy("created_at", "desc")
    .limit(6)
    .execute();
  if (updates.length === 0) return [];
  const counts = new Map<string, { support: number; neutral: number; concern: number }>();
  // The rollup refresher precomputes these; an update posted in the last minute is counted live.
  const stored = await db
    .selectFrom("insight_update_stances")
    .select(["progress_update_id", "moment", "support", "neutral", "concern"])
    .where(
      "progress_update_id",
      "in",
      updates.map((u) => u.id),
    )
    .execute();
  for (const row of stored)
    counts.set(`${row.progress_update_id}:${row.moment}`, { support: Number(row.support), neutral: Number(row.neutral), concern: Number(row.concern) });
  const moments = updates
    .flatMap((u) => {
      const after = new Date(Math.min(u.created_at.getTime() + AFTER_UPDATE_DAYS * 86_400_000, now.getTime()));
      return [
        { key: `${u.id}:before`, at: u.created_at },
        { key: `${u.id}:after`, at: after },
      ];
    })
    .filter((m) => !counts.has(m.key));
  if (moments.length > 0) {
    const { rows } = await sql<{ key: string; stance: string; n: number }>`
      select m.key, s.stance, count(*)::int as n
      from unnest(${moments.map((m) => m.key)}::text[], ${moments.map((m) => m.at.toISOString())}::timestamptz[]) as m(key, at)
      cross join lateral (
        select distinct on (h.user_id) h.stance from stance_history h
        where h.objective_id = ${objectiveId} and h.created_at <= m.at
        order by h.user_id, h.created_at desc, h.id desc
      ) s
      group by m.key, s.stance`.execute(db);
    for (const m of moments) counts.set(m.key, { support: 0, neutral: 0, concern: 0 });
    for (const row of rows) {
      const entry = counts.get(row.key)!;
      if (row.stance === "support" || row.stance === "neutral" || row.stance === "concern") entry[row.stance] += Number(row.n);
    }
  }
  const empty = { support: 0, neutral: 0, concern: 0 };
  return updates.map((u) => ({
    id: u.id,
    at: u.created_at.toISOString(),
    body: u.body,
    status: u.status,
    percentComplete: u.percent_complete,
    before: stanceSignal(counts.get(`${u.id}:before`) ?? empty),
    after: stanceSignal(counts.get(`${u.id}:after`) ?? empty),
    afterAt: new Date(Math.min(u.created_at.getTime() + AFTER_UPDATE_DAYS * 86_400_000, now.getTime())).toISOString(),
  }));
}

/** One objective for leadership: its signals, its segments, stance around each update, and the comments behind them. */
export async function getObjectiveInsight(
  db: Kysely<DB>,
  filters: ObjectiveInsightFilters,
  now = new Date(),
  pageSize = DRILL_DOWN_PAGE_SIZE,
): Promise<ObjectiveInsightDetail> {
  const { domains, allPoints } = await loadObjectiveInsights(db, now);
  const objective = domains.flatMap((d) => d.objectives).find((o) => o.slug === filters.slug);
  if (!objective) throw new AppError("NOT_FOUND", { userMessage: `There is no objective called “${filters.slug}”.` });

  const segment = await resolveSegment(db, filters.segment);
  const [segments, milestones, updates] = await Promise.all([
    loadSegmentBreakdown(db, segment, objective.id, allPoints, objective.participants),
    loadMilestones(db, [objective.id]),
    stanceAround(db, objective.id, now),
  ]);

  let segmentValue = filters.segmentValue ?? null;
  let segmentNotice: string | null = null;
  if (segmentValue !== null) {
    const cell = segments.cells.find((c) => c.value === segmentValue);
    if (!cell) {
      segmentNotice = `No one in that ${segment.label.toLowerCase()} group took part in this objective; showing every comment.`;
      segmentValue = null;
    } else if (cell.suppressed) {
      segmentNotice = `Fewer than ${MIN_GROUP_SIZE} members (or a group hidden so small ones cannot be worked out): comments are not filtered by this group.`;
      segmentValue = null;
    }
  }

  let q = db
    .selectFrom("comments as c")
    .leftJoin("users as u", "u.id", "c.author_id")
    .where("c.objective_id", "=", objective.id)
    .where("c.kind", "=", "member")
    .where("c.status", "=", "visible")
    .where("c.deleted_at", "is", null);
  if (filters.stance) q = q.where("c.stance", "=", filters.stance);
  if (filters.tone === "negative") q = q.where("c.tone", "<", NEGATIVE_TONE);
  if (filters.tone === "neutral") q = q.where("c.tone", ">=", NEGATIVE_TONE).where("c.tone", "<", POSITIVE_TONE);
  if (filters.tone === "positive") q = q.where("c.tone", ">=", POSITIVE_TONE);
  if (segmentValue !== null) {
    const value = segmentValue;
    const questionId = segment.questionId!;
    q = q.where((eb) =>
      value === NOT_STATED
        ? eb.not(
            eb.exists(
              eb
                .selectFrom("member_answers as ma")
                .select(sql.lit(1).as("one"))
                .whereRef("ma.user_id", "=", "c.author_id")
                .where("ma.question_id", "=", questionId),
            ),
          )
        : eb.exists(
            eb
              .selectFrom("member_answers as ma")
              .select(sql.lit(1).as("one"))
              .whereRef("ma.user_id", "=", "c.author_id")
              .where("ma.question_id", "=", questionId)
              .where(sql<boolean>`ma.option_id::text = ${value}`),
          ),
    );
  }
  // A segment filter looks up each comment's author, so it is not counted, only paged.
  const [total, fetched] = await Promise.all([
    segmentValue === null
      ? db
          .selectFrom(
            q
              .select("c.id")
              .limit(COUNT_CAP + 1)
              .as("matching"),
          )
          .select((eb) => eb.fn.countAll<number>().as("total"))
          .executeTakeFirstOrThrow()
          .then((row) => Number(row.total))
      : Promise.resolve(null),
    q
      .select(["c.id", "c.body", "c.stance", "c.tone", "c.created_at", "c.parent_id", "u.display_name"])
      .orderBy("c.created_at", "desc")
      .orderBy("c.id", "desc")
      .limit(pageSize + 1)
      .offset((filters.page - 1) * pageSize)
      .execute(),
  ]);
  const rows = fetched.slice(0, pageSize);
  const hasNext = fetched.length > pageSize;
  // The /me promise: segment answers are used only in aggregates of five or more, never shown next
  // to a member's name or comments. A filtered list therefore carries no name and nothing to look one up by.
  const anonymised = segmentValue !== null;
  const milestoneList: MilestoneInput[] = milestones.get(objective.id) ?? [];
  return {
    objective,
    segments,
    milestones: milestoneList.map((m) => ({ title: m.title, dueOn: m.dueOn.toISOString().slice(0, 10), done: m.doneAt !== null })),
    updates,
    comments: {
      items: rows.map((r, i) => ({
        id: anonymised ? (filters.page - 1) * pageSize + i + 1 : r.id,
        body: r.body,
        stance: r.stance,
        tone: r.tone === null ? null : Number(r.tone),
        author: anonymised ? null : (r.display_name ?? null),
        createdAt: anonymised ? r.created_at.toISOString().slice(0, 10) : r.created_at.toISOString(),
        isReply: r.parent_id !== null,
      })),
      anonymised,
      total: total === null ? null : Math.min(total, COUNT_CAP),
      totalCapped: total !== null && total > COUNT_CAP,
      hasNext,
      page: filters.page,
      pageSize,
    },
    filters: { segment: segment.key, segmentValue, stance: filters.stance ?? null, tone: filters.tone ?? null },
    segmentNotice,
  };
}
