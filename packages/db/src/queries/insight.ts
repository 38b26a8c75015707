import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";

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

/**
 * Rebuilds every rollup from the source tables inside the caller's transaction. Readers keep seeing
 * the previous figures until it commits.
 */
export async function rebuildInsightRollups(
  trx: Transaction<DB>,
  changeMark: number,
  onStep?: (name: string, ms: number) => void,
): Promise<void> {
  const negative = sql.lit(NEGATIVE_TONE);
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    onStep?.(name, now - mark);
    mark = now;
  };
  // The aggregates below hash a few million rows; give them room instead of spilling to disk.
  await sql`set local work_mem = '128MB'`.execute(trx);
  // One row per member and objective they took part in: voted, points, stance, comments, tone.
  await sql`
    create temp table insight_participation on commit drop as
    select user_id, objective_id,
      bool_or(voted) as voted, sum(points)::int as points, max(stance) as stance,
      sum(comments)::int as comments, sum(tone_n)::int as tone_n, sum(tone_sum)::float8 as tone_sum,
      sum(tone_negative)::int as tone_negative, max(at) as last_at
    from (
      select user_id, objective_id, true as voted, 0 as points, null::text as stance, 0 as comments, 0 as tone_n, 0::float8 as tone_sum, 0 as tone_negative, created_at as at from support_votes
      union all
      select user_id, objective_id, false, points, null, 0, 0, 0, 0, updated_at from priority_allocations
      union all
      select user_id, objective_id, false, 0, stance, 0, 0, 0, 0, updated_at from stances
      union all
      select author_id, objective_id, false, 0, null, 1, (tone is not null)::int, coalesce(tone, 0), (tone < ${negative})::int, created_at
      from comments where kind = 'member' and author_id is not null and deleted_at is null and status <> 'hidden'
    ) activity
    group by user_id, objective_id`.execute(trx);
  await sql`analyze insight_participation`.execute(trx);
  step("participation");

  await sql`delete from insight_objective_rollups`.execute(trx);
  await sql`
    insert into insight_objective_rollups (objective_id, participants, stance_support, stance_neutral, stance_concern,
      support_votes, priority_points, comments, tone_n, tone_sum, tone_negative, last_activity_at)
    select o.id, count(p.user_id),
      count(*) filter (where p.stance = 'support'), count(*) filter (where p.stance = 'neutral'), count(*) filter (where p.stance = 'concern'),
      count(*) filter (where p.voted), coalesce(sum(p.points), 0), coalesce(sum(p.comments), 0),
      coalesce(sum(p.tone_n), 0), coalesce(sum(p.tone_sum), 0), coalesce(sum(p.tone_negative), 0), max(p.last_at)
    from objectives o left join insight_participation p on p.objective_id = o.id
    group by o.id`.execute(trx);
  step("objectives");

  // Trend windows: each member's latest stance within the last 28 days, and within the 28 before.
  await sql`
    with windowed as (
      select distinct on (objective_id, user_id, recent) objective_id, user_id, stance, recent
      from (
        select objective_id, user_id, stance, id, created_at, created_at >= now() - interval '28 days' as recent
        from stance_history where created_at >= now() - interval '56 days'
      ) h
      order by objective_id, user_id, recent, created_at desc, id desc
    ), counted as (
      select objective_id,
        count(*) filter (where recent and stance = 'support') as rs, count(*) filter (where recent and stance = 'neutral') as rn,
        count(*) filter (where recent and stance = 'concern') as rc, count(*) filter (where not recent and stance = 'support') as ps,
        count(*) filter (where not recent and stance = 'neutral') as pn, count(*) filter (where not recent and stance = 'concern') as pc
      from windowed group by objective_id
    )
    update insight_objective_rollups r set stance_recent_support = c.rs, stance_recent_neutral = c.rn, stance_recent_concern = c.rc,
      stance_previous_support = c.ps, stance_previous_neutral = c.pn, stance_previous_concern = c.pc
    from counted c where c.objective_id = r.objective_id`.execute(trx);
  step("stance windows");

  await sql`
    with c as (
      select objective_id,
        count(*) filter (where created_at >= now() - interval '28 days') as recent,
        count(*) filter (where created_at < now() - interval '28 days' and created_at >= now() - interval '56 days') as previous,
        count(*) filter (where parent_id is null and status = 'visible') as eligible
      from comments where kind = 'member' and deleted_at is null and status <> 'hidden' group by objective_id
    )
    update insight_objective_rollups r set comments_recent = c.recent, comments_previous = c.previous, comments_eligible = c.eligible
    from c where c.objective_id = r.objective_id`.execute(trx);
  await sql`
    with v as (
      select objective_id,
        count(*) filter (where created_at >= now() - interval '28 days') as recent,
        count(*) filter (where created_at < now() - interval '28 days') as previous
      from support_votes where created_at >= now() - interval '56 days' group by objective_id
    )
    update insight_objective_rollups r set votes_recent = v.recent, votes_previous = v.previous
    from v where v.objective_id = r.objective_id`.execute(trx);
  await sql`
    with t as (
      select rt.objective_id, count(*) as answered, percentile_cont(0.5) within group (order by rt.seconds) as median_seconds
      from response_timings rt join comments c on c.id = rt.comment_id
      where c.kind = 'member' and c.parent_id is null and c.deleted_at is null and c.status = 'visible'
      group by rt.objective_id
    )
    update insight_objective_rollups r set comments_answered = t.answered, median_response_seconds = t.median_seconds
    from t where t.objective_id = r.objective_id`.execute(trx);
  step("comments, votes, responses");

  await sql`delete from insight_domain_rollups`.execute(trx);
  await sql`
    insert into insight_domain_rollups (domain_id, participants)
    select d.id, count(distinct p.user_id)
    from domains d left join objectives o on o.domain_id = d.id left join insight_participation p on p.objective_id = o.id
    group by d.id`.execute(trx);
  step("domains");

  // Segments. The three single-valued fields are grouped together first (a few thousand groups),
  // then split; divisions and round tables are unnested, so a member counts once in each they hold.
  await sql`delete from insight_segment_rollups`.execute(trx);
  await sql`
    create temp table insight_profile_groups on commit drop as
    select p.objective_id,
      coalesce(nullif(trim(mp.member_type), ''), ${NOT_STATED}) as member_type,
      coalesce(nullif(trim(mp.career_stage), ''), ${NOT_STATED}) as career_stage,
      coalesce(nullif(trim(mp.library_type), ''), ${NOT_STATED}) as library_type,
      count(*)::int as members,
      count(*) filter (where p.stance = 'support')::int as stance_support, count(*) filter (where p.stance = 'neutral')::int as stance_neutral,
      count(*) filter (where p.stance = 'concern')::int as stance_concern, count(*) filter (where p.voted)::int as support_votes,
      sum(p.points)::int as priority_points, sum(p.comments)::int as comments, sum(p.tone_n)::int as tone_n, sum(p.tone_sum)::float8 as tone_sum,
      sum(p.tone_negative)::int as tone_negative
    from insight_participation p left join member_profiles mp on mp.user_id = p.user_id
    group by 1, 2, 3, 4`.execute(trx);
  for (const field of ["member_type", "career_stage", "library_type"] as const) {
    await sql`
      insert into insight_segment_rollups (segment, value, objective_id, members, stance_support, stance_neutral, stance_concern,
        support_votes, priority_points, comments, tone_n, tone_sum, tone_negative)
      select ${field}::text, ${sql.ref(field)}, objective_id, sum(members), sum(stance_support), sum(stance_neutral), sum(stance_concern),
        sum(support_votes), sum(priority_points), sum(comments), sum(tone_n), sum(tone_sum), sum(tone_negative)
      from insight_profile_groups group by ${sql.ref(field)}, objective_id`.execute(trx);
  }
  for (const [segment, column] of [["division", "divisions"], ["round_table", "round_tables"]] as const) {
    await sql`
      insert into insight_segment_rollups (segment, value, objective_id, members, stance_support, stance_neutral, stance_concern,
        support_votes, priority_points, comments, tone_n, tone_sum, tone_negative)
      select ${segment}::text, v.value, p.objective_id, count(*),
        count(*) filter (where p.stance = 'support'), count(*) filter (where p.stance = 'neutral'), count(*) filter (where p.stance = 'concern'),
        count(*) filter (where p.voted), sum(p.points), sum(p.comments), sum(p.tone_n), sum(p.tone_sum), sum(p.tone_negative)
      from insight_participation p left join member_profiles mp on mp.user_id = p.user_id
      cross join lateral unnest(case when coalesce(cardinality(${sql.ref(`mp.${column}`)}), 0) > 0 then ${sql.ref(`mp.${column}`)} else array[${NOT_STATED}]::text[] end) as v(value)
      group by v.value, p.objective_id`.execute(trx);
  }
  // The whole plan (objective 0): distinct members per group, the other figures summed over objectives.
  await sql`
    with members as (
      select s.segment, s.value, count(*) as members
      from (select distinct user_id from insight_participation) u
      left join member_profiles mp on mp.user_id = u.user_id
      cross join lateral (
        select 'member_type' as segment, coalesce(nullif(trim(mp.member_type), ''), ${NOT_STATED}) as value
        union all select 'career_stage', coalesce(nullif(trim(mp.career_stage), ''), ${NOT_STATED})
        union all select 'library_type', coalesce(nullif(trim(mp.library_type), ''), ${NOT_STATED})
        union all select 'division', d from unnest(case when coalesce(cardinality(mp.divisions), 0) > 0 then mp.divisions else array[${NOT_STATED}]::text[] end) d
        union all select 'round_table', r from unnest(case when coalesce(cardinality(mp.round_tables), 0) > 0 then mp.round_tables else array[${NOT_STATED}]::text[] end) r
      ) s
      group by s.segment, s.value
    )
    insert into insight_segment_rollups (segment, value, objective_id, members, stance_support, stance_neutral, stance_concern,
      support_votes, priority_points, comments, tone_n, tone_sum, tone_negative)
    select r.segment, r.value, 0, m.members, sum(r.stance_support), sum(r.stance_neutral), sum(r.stance_concern),
      sum(r.support_votes), sum(r.priority_points), sum(r.comments), sum(r.tone_n), sum(r.tone_sum), sum(r.tone_negative)
    from insight_segment_rollups r join members m on m.segment = r.segment and m.value = r.value
    group by r.segment, r.value, m.members`.execute(trx);
  step("segments");

  // Stance as of each progress update and four weeks later: each history row is valid until the
  // member's next change, so a moment counts the rows whose span covers it.
  await sql`delete from insight_update_stances`.execute(trx);
  await sql`
    with moments as (
      select id as update_id, objective_id, 'before' as moment, created_at as at from progress_updates
      union all
      select id, objective_id, 'after', least(created_at + interval '28 days', now()) from progress_updates
    ), spans as (
      select h.objective_id, h.stance, h.created_at as valid_from,
        lead(h.created_at) over (partition by h.objective_id, h.user_id order by h.created_at, h.id) as valid_to
      from stance_history h where h.objective_id in (select objective_id from progress_updates)
    )
    insert into insight_update_stances (progress_update_id, moment, at, support, neutral, concern)
    select m.update_id, m.moment, m.at,
      count(s.stance) filter (where s.stance = 'support'), count(s.stance) filter (where s.stance = 'neutral'), count(s.stance) filter (where s.stance = 'concern')
    from moments m
    left join spans s on s.objective_id = m.objective_id and s.valid_from <= m.at and (s.valid_to is null or s.valid_to > m.at)
    group by m.update_id, m.moment, m.at`.execute(trx);
  step("stance around updates");

  await sql`delete from insight_weekly`.execute(trx);
  await sql`
    with since as (select (date_trunc('week', now() at time zone 'UTC') - interval '${sql.raw(String(WEEKLY_SERIES_WEEKS - 1))} weeks') as at),
    activity as (
      select user_id, created_at as at, 'vote' as kind from support_votes where created_at >= (select at from since) at time zone 'UTC'
      union all select author_id, created_at, 'comment' from comments
        where kind = 'member' and author_id is not null and deleted_at is null and created_at >= (select at from since) at time zone 'UTC'
      union all select user_id, created_at, 'stance' from stance_history where created_at >= (select at from since) at time zone 'UTC'
      union all select user_id, updated_at, 'priority' from priority_allocations where updated_at >= (select at from since) at time zone 'UTC'
    )
    insert into insight_weekly (week, participants, comments, support_votes, stances, priority_changes)
    select date_trunc('week', at at time zone 'UTC')::date, count(distinct user_id),
      count(*) filter (where kind = 'comment'), count(*) filter (where kind = 'vote'),
      count(*) filter (where kind = 'stance'), count(*) filter (where kind = 'priority')
    from activity group by 1`.execute(trx);
  step("weekly");

  await sql`
    with members as (select user_id, max(last_at) as last_at from insight_participation group by user_id),
    totals as (select coalesce(sum(comments), 0) as comments, coalesce(sum(support_votes), 0) as votes, coalesce(sum(priority_points), 0) as points,
      coalesce(sum(comments_eligible), 0) as eligible, coalesce(sum(comments_answered), 0) as answered from insight_objective_rollups)
    update insight_headline set
      participants_7d = (select count(*) from members where last_at >= now() - interval '7 days'),
      participants_30d = (select count(*) from members where last_at >= now() - interval '30 days'),
      participants_90d = (select count(*) from members where last_at >= now() - interval '90 days'),
      participants_all = (select count(*) from members),
      comments = (select comments from totals),
      comments_30d = (select count(*) from comments where kind = 'member' and deleted_at is null and status <> 'hidden' and created_at >= now() - interval '30 days'),
      support_votes = (select votes from totals),
      support_votes_30d = (select count(*) from support_votes where created_at >= now() - interval '30 days'),
      priority_points = (select points from totals),
      priority_members = (select count(distinct user_id) from insight_participation where points > 0),
      comments_eligible = (select eligible from totals),
      comments_answered = (select answered from totals),
      median_response_seconds = (
        select percentile_cont(0.5) within group (order by rt.seconds) from response_timings rt join comments c on c.id = rt.comment_id
        where c.kind = 'member' and c.parent_id is null and c.deleted_at is null and c.status = 'visible'),
      change_mark = ${changeMark},
      refreshed_at = now()
    where id = 1`.execute(trx);
  step("headline");
}

/** Writes a comment's tone and returns the whole row. */
export function updateCommentTone(db: Executor, commentId: number, tone: number) {
  return db.updateTable("comments").set({ tone }).where("id", "=", commentId).returningAll().executeTakeFirstOrThrow();
}

/** A page of comments for the tone recompute, in id order after `afterId`. */
export function listCommentBodiesAfter(db: Executor, afterId: number, limit: number) {
  return db.selectFrom("comments").select(["id", "body"]).where("id", ">", afterId).orderBy("id").limit(limit).execute();
}

/** Writes many tones in one statement. */
export async function updateCommentTones(db: Executor, tones: ReadonlyArray<{ id: number; tone: number }>): Promise<void> {
  if (tones.length === 0) return;
  const ids = tones.map((t) => t.id);
  const values = tones.map((t) => t.tone);
  await sql`
    update comments c set tone = v.tone
    from (select unnest(${ids}::int[]) as id, unnest(${values}::real[]) as tone) v
    where c.id = v.id and c.tone is distinct from v.tone`.execute(db);
}

export async function countComments(db: Executor): Promise<number> {
  const row = await db.selectFrom("comments").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
