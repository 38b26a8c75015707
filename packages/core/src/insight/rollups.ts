import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

/** The segment value of members who left a profile field empty. */
export const NOT_STATED = "Not stated";

/** Comments below this tone count as negative (kept in step with the insight stats). */
const NEGATIVE_TONE = -0.05;
/** Weeks of history the weekly series keeps. */
export const WEEKLY_SERIES_WEEKS = 26;

/** The value the change triggers have bumped to; compared with the mark stored at the last refresh. */
export async function readInsightChangeMark(db: Executor): Promise<number> {
  const { rows } = await sql<{ mark: number }>`select case when is_called then last_value else 0 end::bigint as mark from insight_changes`.execute(db);
  return Number(rows[0]?.mark ?? 0);
}

export async function readInsightRefreshState(db: Executor): Promise<{ changeMark: number; refreshedAt: Date | null }> {
  const row = await db.selectFrom("insight_headline").select(["change_mark", "refreshed_at"]).where("id", "=", 1).executeTakeFirst();
  return { changeMark: Number(row?.change_mark ?? -1), refreshedAt: row?.refreshed_at ?? null };
}

/** Another process holds the refresh: skip rather than queue behind it. */
export async function tryInsightRefreshLock(trx: Transaction<DB>): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(7106001) as locked`.execute(trx);
  return rows[0]?.locked === true;
}

/** Columns of insight_member_objectives, in the order the temp tables below produce them. */
const PAIR_COLUMNS = [
  "user_id",
  "objective_id",
  "participates",
  "voted",
  "points",
  "stance",
  "comments",
  "tone_n",
  "tone_sum",
  "tone_negative",
  "comments_eligible",
  "last_at",
  "vote_day",
  "priority_day",
  "history_days",
  "comment_days",
  "shown_days",
] as const;
const MEMBER_COLUMNS = ["user_id", "cells", "participates", "last_day", "has_points", "domains", "weeks"] as const;
const columnList = (columns: readonly string[]) => sql.raw(columns.join(", "));

/** Today in UTC: windows ("last 28 days", "last 30 days") are whole UTC days ending today. */
const TODAY = sql`((now() at time zone 'UTC')::date)`;
/** The start of a UTC day `daysAgo` before today, as a timestamptz. */
const dayStart = (daysAgo: number) => sql`((${TODAY} - ${sql.lit(daysAgo)})::timestamp at time zone 'UTC')`;
/** A signed sum over the +1 (new) and −1 (old) rows of a delta. */
const signed = (expression: string) => sql.raw(`coalesce(sum(s * (${expression})), 0)`);

/**
 * A member's segment cells, stored as "question_key=option_id": one per option held, and
 * "question_key=Not stated" for a question left unanswered. Keys never contain "=" (migration 0020).
 */
const SEGMENT_CELLS = sql.raw(`cross join lateral (
  select split_part(c, '=', 1) as segment, substr(c, strpos(c, '=') + 1) as value from unnest(x.cells) c
) seg`);

export type InsightRefreshMode = "full" | "incremental";

/** What every step of a refresh shares: the transaction, the mode, and the statement runner. */
type RefreshStep = {
  trx: Transaction<DB>;
  full: boolean;
  run: (query: ReturnType<typeof sql>) => Promise<unknown>;
  /** Rows of the marked members only (every row on a full recount). */
  mine: (column: string) => ReturnType<typeof sql>;
};

/**
 * Brings every rollup up to date inside the caller's transaction (readers keep the previous figures
 * until it commits). "full" recounts everyone; "incremental" recounts only the members the change
 * triggers marked since the last refresh and moves each aggregate by (new − old) of their state.
 * Both run the same statements, so they cannot drift apart; the tests compare them.
 */
export async function refreshInsightState(
  trx: Transaction<DB>,
  options: { mode: InsightRefreshMode; changeMark: number; onStep?: (name: string, ms: number) => void },
): Promise<{ members: number }> {
  const full = options.mode === "full";
  let mark = performance.now();
  const timed = (name: string) => {
    const now = performance.now();
    options.onStep?.(name, now - mark);
    mark = now;
  };
  const run = (query: ReturnType<typeof sql>) => query.execute(trx);
  const step: RefreshStep = { trx, full, run, mine: (column) => (full ? sql`true` : sql`${sql.ref(column)} in (select user_id from insight_d)`) };
  await run(sql`set local work_mem = '128MB'`);

  const members = await markMembers(step);
  timed("marked members");
  await readMemberState(step);
  timed("member state");
  await moveObjectiveRollups(step);
  await moveSegmentRollups(step);
  timed("objectives and segments");
  await moveDomainDayAndWeekCounts(step);
  const pointsDelta = await pointsMembersDelta(step);
  await storeMemberState(step);
  timed("domains, days, weeks, state");
  const slide = await refreshStanceWindows(step);
  timed(slide ? "stance windows (all)" : "stance windows");
  await rewriteWindowedFigures(step);
  timed("windows, responses, weekly");
  await refreshStanceAroundUpdates(step);
  timed("stance around updates");
  await writeHeadline(step, { pointsDelta, changeMark: options.changeMark });
  timed("headline");
  return { members };
}

/** 1. Whose state to recount: every member (full, after emptying the derived tables) or the marked ones, in temp table insight_d. */
async function markMembers({ trx, full, run }: RefreshStep): Promise<number> {
  if (full) {
    await run(sql`delete from insight_dirty_members`);
    for (const table of [
      "insight_member_objectives",
      "insight_members",
      "insight_stance_windows",
      "insight_objective_days",
      "insight_last_days",
      "insight_week_members",
    ]) {
      await run(sql`truncate ${sql.table(table)}`);
    }
    await run(sql`delete from insight_objective_rollups`);
    await run(sql`delete from insight_domain_rollups`);
    await run(sql`delete from insight_segment_rollups`);
    await run(sql`delete from insight_update_stances`);
    await run(sql`create temp table insight_d on commit drop as select id as user_id from users`);
  } else {
    await run(
      sql`create temp table insight_d on commit drop as with moved as (delete from insight_dirty_members returning user_id) select distinct user_id from moved`,
    );
  }
  await run(sql`insert into insight_objective_rollups (objective_id) select id from objectives on conflict do nothing`);
  await run(sql`insert into insight_domain_rollups (domain_id) select id from domains on conflict do nothing`);
  const members = Number((await sql<{ n: number }>`select count(*)::int as n from insight_d`.execute(trx)).rows[0]?.n ?? 0);
  await run(sql`analyze insight_d`);
  return members;
}

/** 2. The marked members' state now, from the source rows (insight_new_pairs, insight_new_members), and as last counted (insight_old_*). */
async function readMemberState({ run, mine }: RefreshStep): Promise<void> {
  const negative = sql.lit(NEGATIVE_TONE);
  // One row per member and objective they touched.
  await run(sql`
    create temp table insight_new_pairs on commit drop as
    select a.user_id, a.objective_id,
      bool_or(a.kind in ('v', 'p', 's') or (a.kind = 'c' and a.shown)) as participates,
      bool_or(a.kind = 'v') as voted,
      coalesce(sum(a.points), 0)::int as points,
      max(a.stance) as stance,
      (count(*) filter (where a.kind = 'c' and a.shown))::int as comments,
      (count(a.tone) filter (where a.kind = 'c' and a.shown))::int as tone_n,
      coalesce(sum(a.tone) filter (where a.kind = 'c' and a.shown), 0)::float8 as tone_sum,
      (count(*) filter (where a.kind = 'c' and a.shown and a.tone < ${negative}))::int as tone_negative,
      (count(*) filter (where a.kind = 'c' and a.eligible))::int as comments_eligible,
      max(a.at) filter (where a.kind in ('v', 'p', 's') or (a.kind = 'c' and a.shown)) as last_at,
      min(a.day) filter (where a.kind = 'v') as vote_day,
      min(a.day) filter (where a.kind = 'p') as priority_day,
      coalesce(array_agg(a.day order by a.day) filter (where a.kind = 'h'), '{}') as history_days,
      coalesce(array_agg(a.day order by a.day) filter (where a.kind = 'c'), '{}') as comment_days,
      coalesce(array_agg(a.day order by a.day) filter (where a.kind = 'c' and a.shown), '{}') as shown_days
    from (
      select user_id, objective_id, 'v' as kind, null::int as points, null::text as stance, false as shown, false as eligible,
        null::float8 as tone, created_at as at, (created_at at time zone 'UTC')::date as day
      from support_votes where ${mine("user_id")}
      union all
      select user_id, objective_id, 'p', points, null, false, false, null, updated_at, (updated_at at time zone 'UTC')::date
      from priority_allocations where ${mine("user_id")}
      union all
      select user_id, objective_id, 's', null, stance, false, false, null, updated_at, null
      from stances where ${mine("user_id")}
      union all
      select user_id, objective_id, 'h', null, null, false, false, null, created_at, (created_at at time zone 'UTC')::date
      from stance_history where ${mine("user_id")}
      union all
      select author_id, objective_id, 'c', null, null, status = 'visible', parent_id is null and status = 'visible',
        tone::float8, created_at, (created_at at time zone 'UTC')::date
      from comments where kind = 'member' and author_id is not null and deleted_at is null and ${mine("author_id")}
    ) a
    group by a.user_id, a.objective_id`);
  await run(sql`
    create temp table insight_new_members on commit drop as
    select p.user_id,
      array(
        select q.key || '=' || coalesce(a.option_id::text, ${NOT_STATED})
        from profile_questions q
        left join member_answers a on a.question_id = q.id and a.user_id = p.user_id
        order by q.id, a.option_id
      ) as cells,
      p.participates, p.last_day, p.has_points, p.domains, coalesce(w.weeks, '{}') as weeks
    from (
      select p.user_id, bool_or(p.participates) as participates, (max(p.last_at) at time zone 'UTC')::date as last_day,
        bool_or(p.points > 0) as has_points,
        coalesce(array_agg(distinct o.domain_id) filter (where p.participates), '{}') as domains
      from insight_new_pairs p join objectives o on o.id = p.objective_id
      group by p.user_id
    ) p
    left join (
      select user_id, array_agg(distinct date_trunc('week', day::timestamp)::date) as weeks
      from (
        select user_id, unnest(history_days || comment_days || array_remove(array[vote_day, priority_day], null)) as day
        from insight_new_pairs
      ) days
      group by user_id
    ) w on w.user_id = p.user_id`);
  // Their state as last counted (nothing, on a full recount: the tables were emptied above).
  await run(
    sql`create temp table insight_old_pairs on commit drop as select ${columnList(PAIR_COLUMNS)} from insight_member_objectives where ${mine("user_id")}`,
  );
  await run(sql`create temp table insight_old_members on commit drop as select ${columnList(MEMBER_COLUMNS)} from insight_members where ${mine("user_id")}`);
}

/** 3a. Per objective: move every count by new − old. */
async function moveObjectiveRollups({ run }: RefreshStep): Promise<void> {
  await run(sql`
    with x as (
      select 1 as s, * from insight_new_pairs where participates
      union all select -1, * from insight_old_pairs where participates
    ), d as (
      select objective_id, ${signed("1")} as participants,
        ${signed("(stance = 'support')::int")} as stance_support, ${signed("(stance = 'neutral')::int")} as stance_neutral,
        ${signed("(stance = 'concern')::int")} as stance_concern, ${signed("voted::int")} as support_votes, ${signed("points")} as priority_points,
        ${signed("comments")} as comments, ${signed("tone_n")} as tone_n, ${signed("tone_sum")} as tone_sum,
        ${signed("tone_negative")} as tone_negative, ${signed("comments_eligible")} as comments_eligible
      from x group by objective_id
    )
    update insight_objective_rollups r set
      participants = r.participants + d.participants, stance_support = r.stance_support + d.stance_support,
      stance_neutral = r.stance_neutral + d.stance_neutral, stance_concern = r.stance_concern + d.stance_concern,
      support_votes = r.support_votes + d.support_votes, priority_points = r.priority_points + d.priority_points,
      comments = r.comments + d.comments, tone_n = r.tone_n + d.tone_n, tone_sum = r.tone_sum + d.tone_sum,
      tone_negative = r.tone_negative + d.tone_negative, comments_eligible = r.comments_eligible + d.comments_eligible
    from d where d.objective_id = r.objective_id`);
}

/** 3b. Per segment cell and objective, and for the whole plan (objective 0). */
async function moveSegmentRollups({ run }: RefreshStep): Promise<void> {
  // Per segment cell and objective, with each member's segments as counted then and now.
  await run(sql`
    with x as (
      select 1 as s, p.*, m.cells
      from insight_new_pairs p join insight_new_members m on m.user_id = p.user_id where p.participates
      union all
      select -1, p.*, m.cells
      from insight_old_pairs p join insight_old_members m on m.user_id = p.user_id where p.participates
    )
    insert into insight_segment_rollups (segment, value, objective_id, members, stance_support, stance_neutral, stance_concern,
      support_votes, priority_points, comments, tone_n, tone_sum, tone_negative)
    select seg.segment, seg.value, x.objective_id, ${signed("1")}, ${signed("(stance = 'support')::int")}, ${signed("(stance = 'neutral')::int")},
      ${signed("(stance = 'concern')::int")}, ${signed("voted::int")}, ${signed("points")}, ${signed("comments")}, ${signed("tone_n")},
      ${signed("tone_sum")}, ${signed("tone_negative")}
    from x ${SEGMENT_CELLS}
    group by seg.segment, seg.value, x.objective_id
    on conflict (segment, objective_id, value) do update set
      members = insight_segment_rollups.members + excluded.members,
      stance_support = insight_segment_rollups.stance_support + excluded.stance_support,
      stance_neutral = insight_segment_rollups.stance_neutral + excluded.stance_neutral,
      stance_concern = insight_segment_rollups.stance_concern + excluded.stance_concern,
      support_votes = insight_segment_rollups.support_votes + excluded.support_votes,
      priority_points = insight_segment_rollups.priority_points + excluded.priority_points,
      comments = insight_segment_rollups.comments + excluded.comments,
      tone_n = insight_segment_rollups.tone_n + excluded.tone_n,
      tone_sum = insight_segment_rollups.tone_sum + excluded.tone_sum,
      tone_negative = insight_segment_rollups.tone_negative + excluded.tone_negative`);
  // The whole plan (objective 0): distinct members per cell; the other figures are sums over objectives.
  await run(sql`
    with x as (
      select 1 as s, * from insight_new_members where participates
      union all select -1, * from insight_old_members where participates
    )
    insert into insight_segment_rollups (segment, value, objective_id, members)
    select seg.segment, seg.value, 0, ${signed("1")} from x ${SEGMENT_CELLS} group by seg.segment, seg.value
    on conflict (segment, objective_id, value) do update set members = insight_segment_rollups.members + excluded.members`);
  await run(sql`delete from insight_segment_rollups where members = 0`);
  await run(sql`
    update insight_segment_rollups z set stance_support = t.stance_support, stance_neutral = t.stance_neutral, stance_concern = t.stance_concern,
      support_votes = t.support_votes, priority_points = t.priority_points, comments = t.comments, tone_n = t.tone_n, tone_sum = t.tone_sum,
      tone_negative = t.tone_negative
    from (
      select segment, value, sum(stance_support) as stance_support, sum(stance_neutral) as stance_neutral, sum(stance_concern) as stance_concern,
        sum(support_votes) as support_votes, sum(priority_points) as priority_points, sum(comments) as comments, sum(tone_n) as tone_n,
        sum(tone_sum) as tone_sum, sum(tone_negative) as tone_negative
      from insight_segment_rollups where objective_id <> 0 group by segment, value
    ) t
    where z.objective_id = 0 and z.segment = t.segment and z.value = t.value`);
}

/** 3c. Distinct members per domain, per day of last activity, per week active; activity per objective and day. */
async function moveDomainDayAndWeekCounts({ run }: RefreshStep): Promise<void> {
  await run(sql`
    with x as (
      select 1 as s, unnest(domains) as domain_id from insight_new_members
      union all select -1, unnest(domains) from insight_old_members
    ), d as (select domain_id, sum(s) as n from x group by domain_id)
    update insight_domain_rollups r set participants = r.participants + d.n from d where d.domain_id = r.domain_id and d.n <> 0`);
  await run(sql`
    with x as (
      select 1 as s, last_day from insight_new_members where participates
      union all select -1, last_day from insight_old_members where participates
    )
    insert into insight_last_days (day, members) select last_day, sum(s) from x group by last_day having sum(s) <> 0
    on conflict (day) do update set members = insight_last_days.members + excluded.members`);
  await run(sql`
    with x as (
      select 1 as s, unnest(weeks) as week from insight_new_members
      union all select -1, unnest(weeks) from insight_old_members
    )
    insert into insight_week_members (week, members) select week, sum(s) from x group by week having sum(s) <> 0
    on conflict (week) do update set members = insight_week_members.members + excluded.members`);
  await run(sql`
    with x as (
      select 1 as s, objective_id, 'v' as k, vote_day as day from insight_new_pairs where vote_day is not null
      union all select 1, objective_id, 'p', priority_day from insight_new_pairs where priority_day is not null
      union all select 1, objective_id, 'h', unnest(history_days) from insight_new_pairs
      union all select 1, objective_id, 'c', unnest(comment_days) from insight_new_pairs
      union all select 1, objective_id, 's', unnest(shown_days) from insight_new_pairs
      union all select -1, objective_id, 'v', vote_day from insight_old_pairs where vote_day is not null
      union all select -1, objective_id, 'p', priority_day from insight_old_pairs where priority_day is not null
      union all select -1, objective_id, 'h', unnest(history_days) from insight_old_pairs
      union all select -1, objective_id, 'c', unnest(comment_days) from insight_old_pairs
      union all select -1, objective_id, 's', unnest(shown_days) from insight_old_pairs
    )
    insert into insight_objective_days (objective_id, day, votes, comments_all, comments_shown, stance_changes, priority_changes)
    select objective_id, day, ${signed("(k = 'v')::int")}, ${signed("(k = 'c')::int")}, ${signed("(k = 's')::int")},
      ${signed("(k = 'h')::int")}, ${signed("(k = 'p')::int")}
    from x group by objective_id, day
    on conflict (objective_id, day) do update set
      votes = insight_objective_days.votes + excluded.votes,
      comments_all = insight_objective_days.comments_all + excluded.comments_all,
      comments_shown = insight_objective_days.comments_shown + excluded.comments_shown,
      stance_changes = insight_objective_days.stance_changes + excluded.stance_changes,
      priority_changes = insight_objective_days.priority_changes + excluded.priority_changes`);
  await run(sql`delete from insight_last_days where members = 0`);
  await run(sql`delete from insight_week_members where members = 0`);
  await run(
    sql`delete from insight_objective_days where votes = 0 and comments_all = 0 and comments_shown = 0 and stance_changes = 0 and priority_changes = 0`,
  );
}

/** How many more (or fewer) members hold priority points than before. */
async function pointsMembersDelta({ trx }: RefreshStep): Promise<number> {
  return Number(
    (
      await sql<{ n: number }>`
      select (select count(*) from insight_new_members where has_points) - (select count(*) from insight_old_members where has_points) as n`.execute(trx)
    ).rows[0]?.n ?? 0,
  );
}

/** 4. Store the marked members' state for next time. */
async function storeMemberState({ full, run }: RefreshStep): Promise<void> {
  if (!full) {
    await run(sql`delete from insight_member_objectives where user_id in (select user_id from insight_d)`);
    await run(sql`delete from insight_members where user_id in (select user_id from insight_d)`);
  }
  await run(sql`insert into insight_member_objectives (${columnList(PAIR_COLUMNS)}) select ${columnList(PAIR_COLUMNS)} from insight_new_pairs`);
  await run(sql`insert into insight_members (${columnList(MEMBER_COLUMNS)}) select ${columnList(MEMBER_COLUMNS)} from insight_new_members`);
}

/**
 * 5. Stance trend windows: latest stance in the last 28 days and in the 28 before. They slide once a
 * day: then every member's windows are recounted (only 56 days of history), otherwise the marked
 * ones. Returns whether they slid.
 */
async function refreshStanceWindows({ trx, full, run }: RefreshStep): Promise<boolean> {
  const { rows: windowRows } = await sql<{ same: boolean }>`select window_day is not distinct from ${TODAY} as same from insight_headline where id = 1`.execute(
    trx,
  );
  const slide = full || windowRows[0]?.same !== true;
  if (slide) {
    await run(sql`truncate insight_stance_windows`);
    await run(sql`update insight_objective_rollups set stance_recent_support = 0, stance_recent_neutral = 0, stance_recent_concern = 0,
      stance_previous_support = 0, stance_previous_neutral = 0, stance_previous_concern = 0`);
  }
  const windowed = slide ? sql`true` : sql`user_id in (select user_id from insight_d)`;
  await run(sql`
    create temp table insight_new_windows on commit drop as
    select user_id, objective_id,
      (array_agg(stance order by created_at desc, id desc) filter (where created_at >= ${dayStart(27)}))[1] as recent,
      (array_agg(stance order by created_at desc, id desc) filter (where created_at < ${dayStart(27)}))[1] as previous
    from stance_history where created_at >= ${dayStart(55)} and ${windowed}
    group by user_id, objective_id`);
  await run(sql`
    with x as (
      select 1 as s, recent, previous, objective_id from insight_new_windows
      union all select -1, recent, previous, objective_id from insight_stance_windows where ${windowed}
    ), d as (
      select objective_id, ${signed("(recent = 'support')::int")} as rs, ${signed("(recent = 'neutral')::int")} as rn,
        ${signed("(recent = 'concern')::int")} as rc, ${signed("(previous = 'support')::int")} as ps,
        ${signed("(previous = 'neutral')::int")} as pn, ${signed("(previous = 'concern')::int")} as pc
      from x group by objective_id
    )
    update insight_objective_rollups r set stance_recent_support = r.stance_recent_support + d.rs, stance_recent_neutral = r.stance_recent_neutral + d.rn,
      stance_recent_concern = r.stance_recent_concern + d.rc, stance_previous_support = r.stance_previous_support + d.ps,
      stance_previous_neutral = r.stance_previous_neutral + d.pn, stance_previous_concern = r.stance_previous_concern + d.pc
    from d where d.objective_id = r.objective_id`);
  if (!slide) await run(sql`delete from insight_stance_windows where user_id in (select user_id from insight_d)`);
  await run(
    sql`insert into insight_stance_windows (user_id, objective_id, recent, previous) select user_id, objective_id, recent, previous from insight_new_windows`,
  );
  return slide;
}

/** 6. Figures read from the day buckets and small tables, rewritten whole each time. */
async function rewriteWindowedFigures({ run }: RefreshStep): Promise<void> {
  await run(sql`
    update insight_objective_rollups r set
      votes_recent = w.votes_recent, votes_previous = w.votes_previous, comments_recent = w.comments_recent, comments_previous = w.comments_previous,
      last_activity_at = (select max(m.last_at) from insight_member_objectives m where m.objective_id = r.objective_id and m.participates)
    from (
      select o.id as objective_id,
        coalesce(sum(d.votes) filter (where d.day > ${TODAY} - 28), 0) as votes_recent,
        coalesce(sum(d.votes) filter (where d.day <= ${TODAY} - 28), 0) as votes_previous,
        coalesce(sum(d.comments_shown) filter (where d.day > ${TODAY} - 28), 0) as comments_recent,
        coalesce(sum(d.comments_shown) filter (where d.day <= ${TODAY} - 28), 0) as comments_previous
      from objectives o left join insight_objective_days d on d.objective_id = o.id and d.day > ${TODAY} - 56
      group by o.id
    ) w
    where w.objective_id = r.objective_id`);
  await run(sql`
    with t as (
      select rt.objective_id, count(*) as answered, percentile_cont(0.5) within group (order by rt.seconds) as median_seconds
      from response_timings rt join comments c on c.id = rt.comment_id
      where c.kind = 'member' and c.parent_id is null and c.deleted_at is null and c.status = 'visible'
      group by rt.objective_id
    )
    update insight_objective_rollups r set comments_answered = coalesce(t.answered, 0), median_response_seconds = t.median_seconds
    from insight_objective_rollups r2 left join t on t.objective_id = r2.objective_id
    where r2.objective_id = r.objective_id`);
  await run(sql`delete from insight_weekly`);
  await run(sql`
    with since as (select (date_trunc('week', ${TODAY}::timestamp) - interval '${sql.raw(String(WEEKLY_SERIES_WEEKS - 1))} weeks')::date as week),
    counts as (
      select date_trunc('week', day::timestamp)::date as week, sum(comments_all) as comments, sum(votes) as votes,
        sum(stance_changes) as stances, sum(priority_changes) as priorities
      from insight_objective_days where day >= (select week from since) group by 1
    )
    insert into insight_weekly (week, participants, comments, support_votes, stances, priority_changes)
    select coalesce(c.week, m.week), coalesce(m.members, 0), coalesce(c.comments, 0), coalesce(c.votes, 0), coalesce(c.stances, 0), coalesce(c.priorities, 0)
    from counts c full join (select week, members from insight_week_members where week >= (select week from since)) m on m.week = c.week`);
}

/**
 * 7. Stance as of each progress update ("before") and four weeks later ("after"). A past moment only
 * changes when the marked members added history dated on or before it (history is append-only), so
 * only those, new moments, and "after" moments still moving (at most every ten minutes) are counted.
 */
async function refreshStanceAroundUpdates({ run }: RefreshStep): Promise<void> {
  await run(sql`
    with moments as (
      select id as update_id, objective_id, 'before' as moment, created_at as at, true as settled from progress_updates
      union all
      select id, objective_id, 'after', least(created_at + interval '28 days', now()), created_at + interval '28 days' <= now() from progress_updates
    ), added as (
      select p.objective_id, min(x.day) as from_day
      from insight_new_pairs p
      left join insight_old_pairs o on o.user_id = p.user_id and o.objective_id = p.objective_id
      cross join lateral (
        select day from unnest(p.history_days) day except all select day from unnest(coalesce(o.history_days, '{}')) day
      ) x
      where p.history_days is distinct from o.history_days
      group by p.objective_id
    ), todo as (
      select m.* from moments m
      left join insight_update_stances s on s.progress_update_id = m.update_id and s.moment = m.moment
      left join added a on a.objective_id = m.objective_id
      where s.progress_update_id is null
        or (m.settled and a.from_day <= (m.at at time zone 'UTC')::date)
        or (s.at < m.at and s.at < now() - interval '10 minutes')
    )
    insert into insight_update_stances (progress_update_id, moment, at, support, neutral, concern)
    select t.update_id, t.moment, t.at,
      count(*) filter (where h.stance = 'support'), count(*) filter (where h.stance = 'neutral'), count(*) filter (where h.stance = 'concern')
    from todo t
    left join lateral (
      select distinct on (sh.user_id) sh.stance from stance_history sh
      where sh.objective_id = t.objective_id and sh.created_at <= t.at
      order by sh.user_id, sh.created_at desc, sh.id desc
    ) h on true
    group by t.update_id, t.moment, t.at
    on conflict (progress_update_id, moment) do update set at = excluded.at, support = excluded.support, neutral = excluded.neutral, concern = excluded.concern`);
}

/** 8. The headline figures, and the change mark this refresh brought the rollups up to. */
async function writeHeadline({ full, run }: RefreshStep, { pointsDelta, changeMark }: { pointsDelta: number; changeMark: number }): Promise<void> {
  await run(sql`
    with totals as (select coalesce(sum(comments), 0) as comments, coalesce(sum(support_votes), 0) as votes, coalesce(sum(priority_points), 0) as points,
      coalesce(sum(comments_eligible), 0) as eligible, coalesce(sum(comments_answered), 0) as answered from insight_objective_rollups),
    recent as (select coalesce(sum(votes), 0) as votes, coalesce(sum(comments_shown), 0) as comments from insight_objective_days where day > ${TODAY} - 30)
    update insight_headline set
      participants_7d = (select coalesce(sum(members), 0) from insight_last_days where day > ${TODAY} - 7),
      participants_30d = (select coalesce(sum(members), 0) from insight_last_days where day > ${TODAY} - 30),
      participants_90d = (select coalesce(sum(members), 0) from insight_last_days where day > ${TODAY} - 90),
      participants_all = (select coalesce(sum(members), 0) from insight_last_days),
      comments = (select comments from totals),
      comments_30d = (select comments from recent),
      support_votes = (select votes from totals),
      support_votes_30d = (select votes from recent),
      priority_points = (select points from totals),
      priority_members = ${full ? sql`(select count(*) from insight_members where has_points)` : sql`priority_members + ${pointsDelta}`},
      comments_eligible = (select eligible from totals),
      comments_answered = (select answered from totals),
      median_response_seconds = (
        select percentile_cont(0.5) within group (order by rt.seconds) from response_timings rt join comments c on c.id = rt.comment_id
        where c.kind = 'member' and c.parent_id is null and c.deleted_at is null and c.status = 'visible'),
      window_day = ${TODAY},
      change_mark = ${changeMark},
      refreshed_at = now()
    where id = 1`);
}

/** Sets the exact counters of migrations 0007/0050 and 0010 from the rows, for bulk loads that ran without triggers. */
export async function recountObjectiveCounters(db: Executor): Promise<void> {
  await sql`
    update objective_counters oc set supports = f.supports, priority_points = f.points, priority_members = f.members,
      stance_support = f.support, stance_neutral = f.neutral, stance_concern = f.concern, visible_comments = f.comments
    from (
      select o.id,
        coalesce(v.n, 0) as supports, coalesce(p.points, 0) as points, coalesce(p.members, 0) as members,
        coalesce(s.support, 0) as support, coalesce(s.neutral, 0) as neutral, coalesce(s.concern, 0) as concern, coalesce(c.n, 0) as comments
      from objectives o
      left join (select objective_id, count(*) as n from support_votes group by objective_id) v on v.objective_id = o.id
      left join (select objective_id, sum(points) as points, count(*) as members from priority_allocations group by objective_id) p on p.objective_id = o.id
      left join (select objective_id, count(*) filter (where stance = 'support') as support, count(*) filter (where stance = 'neutral') as neutral,
        count(*) filter (where stance = 'concern') as concern from stances group by objective_id) s on s.objective_id = o.id
      left join (select objective_id, count(*) as n from comments where kind = 'member' and status = 'visible' and deleted_at is null group by objective_id) c on c.objective_id = o.id
    ) f
    where f.id = oc.objective_id`.execute(db);
  await sql`update engagement_totals set priority_members = (select count(distinct user_id) from priority_allocations) where id = 1`.execute(db);
  // Members who placed points, per plan (migration 0085).
  await sql`
    insert into plan_priority_members (plan_id, members)
    select pl.id, (select count(distinct p.user_id) from priority_allocations p join objectives o on o.id = p.objective_id join domains d on d.id = o.domain_id where d.plan_id = pl.id)
    from plans pl
    on conflict (plan_id) do update set members = excluded.members`.execute(db);
  // Members per role (migration 0010).
  await sql`
    insert into user_role_counts (role, users) select role, count(*) from users group by role
    on conflict (role) do update set users = excluded.users`.execute(db);
  await sql`update user_role_counts rc set users = 0 where not exists (select 1 from users u where u.role = rc.role)`.execute(db);
}

/** The next refresh recounts every member (a question added or retired changes everyone's cells). */
export async function requestFullInsightRefresh(db: Executor): Promise<void> {
  await sql`update insight_headline set refreshed_at = null where id = 1`.execute(db);
}
