import {
  sql,
  type Comment,
  type CommentKind,
  type CommentStance,
  type CommentStatus,
  type DB,
  type FlagReason,
  type Kysely,
  type NewComment,
  type Transaction,
} from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

export type CommentSortKey = "newest" | "oldest" | "most_replied";

/** A comment row as a thread shows it: with its author's name and role, and what the viewer did. */
export type ThreadCommentRow = {
  id: number;
  objective_id: number;
  parent_id: number | null;
  author_id: number | null;
  author_name: string | null;
  author_role: string | null;
  kind: CommentKind;
  body: string;
  stance: CommentStance | null;
  status: CommentStatus;
  hidden_reason: string | null;
  edited_at: Date | string | null;
  deleted_at: Date | string | null;
  created_at: Date | string;
  reply_count: number;
  flagged_by_me: boolean;
};

export type ThreadRow = ThreadCommentRow & {
  /** Replies the viewer may see, counted. */
  visible_replies: number;
  replies: ThreadCommentRow[];
};

export function findCommentById(db: Executor, id: number): Promise<Comment | undefined> {
  return db.selectFrom("comments").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Locks the row for the rest of the transaction (edits and deletes of one comment queue up). */
export function lockCommentById(trx: Transaction<DB>, id: number): Promise<Comment | undefined> {
  return trx.selectFrom("comments").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export function insertComment(db: Executor, values: NewComment): Promise<Comment> {
  return db.insertInto("comments").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function incrementReplyCount(db: Executor, parentId: number): Promise<void> {
  await db
    .updateTable("comments")
    .set({ reply_count: sql`reply_count + 1` })
    .where("id", "=", parentId)
    .execute();
}

export async function updateCommentBody(db: Executor, id: number, body: string): Promise<Comment> {
  return db
    .updateTable("comments")
    .set({ body, edited_at: sql`now()`, updated_at: sql`now()` })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function softDeleteComment(db: Executor, id: number): Promise<Comment> {
  return db
    .updateTable("comments")
    .set({ deleted_at: sql`now()`, updated_at: sql`now()` })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertCommentRevision(db: Executor, values: { commentId: number; body: string; editorId: number | null }): Promise<void> {
  await db.insertInto("comment_revisions").values({ comment_id: values.commentId, body: values.body, editor_id: values.editorId }).execute();
}

export function listCommentRevisions(db: Executor, commentId: number) {
  return db
    .selectFrom("comment_revisions")
    .leftJoin("users", "users.id", "comment_revisions.editor_id")
    .select(["comment_revisions.id", "comment_revisions.body", "comment_revisions.created_at", "users.display_name as editor_name"])
    .where("comment_revisions.comment_id", "=", commentId)
    .orderBy("comment_revisions.created_at", "desc")
    .orderBy("comment_revisions.id", "desc")
    .execute();
}

/** Inserts the flag unless this member already flagged the comment; true when a row was written. */
export async function insertCommentFlag(
  db: Executor,
  values: { commentId: number; userId: number; reason: FlagReason; note: string | null },
): Promise<boolean> {
  const rows = await db
    .insertInto("comment_flags")
    .values({ comment_id: values.commentId, user_id: values.userId, reason: values.reason, note: values.note })
    .onConflict((oc) => oc.columns(["comment_id", "user_id"]).doNothing())
    .returning("id")
    .execute();
  return rows.length > 0;
}

/** Visible, not deleted comments (top-level and replies) per objective; objectives without any are absent. */
export async function countVisibleCommentsByObjective(db: Executor, objectiveIds: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (objectiveIds.length === 0) return counts;
  const rows = await db
    .selectFrom("comments")
    .select(["objective_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("objective_id", "in", [...objectiveIds])
    .where("status", "=", "visible")
    .where("deleted_at", "is", null)
    .groupBy("objective_id")
    .execute();
  for (const row of rows) counts.set(row.objective_id, Number(row.n));
  return counts;
}

export function listCommentRowsByAuthor(db: Executor, authorId: number, options: { limit: number; includeDeleted: boolean }) {
  let query = db
    .selectFrom("comments")
    .innerJoin("objectives", "objectives.id", "comments.objective_id")
    .select([
      "comments.id",
      "comments.objective_id",
      "objectives.slug as objective_slug",
      "objectives.text as objective_text",
      "comments.parent_id",
      "comments.kind",
      "comments.body",
      "comments.stance",
      "comments.status",
      "comments.hidden_reason",
      "comments.created_at",
      "comments.edited_at",
      "comments.deleted_at",
    ])
    .where("comments.author_id", "=", authorId);
  if (!options.includeDeleted) query = query.where("comments.deleted_at", "is", null);
  return query.orderBy("comments.created_at", "desc").orderBy("comments.id", "desc").limit(options.limit).execute();
}

// Shared SQL pieces for thread queries. `viewer` is the signed-in user's id or null.
function visibleTo(alias: string, viewer: number | null) {
  // Others' held comments are invisible; hidden and removed ones stay as placeholders so threads hold together.
  return sql`(${sql.ref(`${alias}.status`)} <> 'held' or ${sql.ref(`${alias}.author_id`)} = ${viewer}::int)`;
}

function commentColumns(alias: string, viewer: number | null) {
  const c = (column: string) => sql.ref(`${alias}.${column}`);
  return sql`${c("id")} as id, ${c("objective_id")} as objective_id, ${c("parent_id")} as parent_id, ${c("author_id")} as author_id,
    u.display_name as author_name, u.role as author_role, ${c("kind")} as kind, ${c("body")} as body, ${c("stance")} as stance,
    ${c("status")} as status, ${c("hidden_reason")} as hidden_reason, ${c("edited_at")} as edited_at, ${c("deleted_at")} as deleted_at,
    ${c("created_at")} as created_at, ${c("reply_count")} as reply_count,
    exists (select 1 from comment_flags f where f.comment_id = ${c("id")} and f.user_id = ${viewer}::int) as flagged_by_me`;
}

/** Each top-level comment of `page` (a CTE) with its visible reply count and first replies. */
function threadRows(page: ReturnType<typeof sql>, options: { viewerId: number | null; repliesPerParent: number; expandId: number | null; maxReplies: number }) {
  const { viewerId, repliesPerParent, expandId, maxReplies } = options;
  return sql`select ${commentColumns("p", viewerId)},
      (select count(*)::int from comments rc where rc.parent_id = p.id and ${visibleTo("rc", viewerId)}) as visible_replies,
      coalesce((
        select json_agg(r order by r.created_at, r.id) from (
          select ${commentColumns("c", viewerId)}
          from comments c left join users u on u.id = c.author_id
          where c.parent_id = p.id and ${visibleTo("c", viewerId)}
          order by c.created_at, c.id
          limit case when p.id = ${expandId}::int then ${maxReplies}::int else ${repliesPerParent}::int end
        ) r
      ), '[]'::json) as replies
    from ${page} p left join users u on u.id = p.author_id`;
}

function sortOrder(sort: CommentSortKey, alias: string) {
  const c = (column: string) => sql.ref(`${alias}.${column}`);
  return sort === "oldest"
    ? sql`${c("created_at")} asc, ${c("id")} asc`
    : sort === "most_replied"
      ? sql`${c("reply_count")} desc, ${c("id")} desc`
      : sql`${c("created_at")} desc, ${c("id")} desc`;
}

export type ThreadPageWithObjective = {
  objective: { id: number; slug: string; discussion_locked_at: Date | string | null };
  /** The plan cycle the objective belongs to (an archived one is read-only). */
  cycle: { name: string; status: string } | null;
  /** The page (one more row than asked tells whether another page follows). */
  rows: ThreadRow[];
  /** Official responses, newest first (only on the first page). */
  pinned: ThreadRow[];
  /** The viewer's own stance on the objective. */
  myStance: CommentStance | null;
};

/**
 * What the objective page's discussion needs in ONE statement: the objective (by slug), a page of the
 * thread, the pinned official responses (first page only) and the viewer's own stance. Dates inside
 * the aggregated rows arrive as ISO strings (the view reads either). Undefined: no such objective.
 */
export async function listThreadPageBySlug(
  db: Executor,
  options: {
    slug: string;
    viewerId: number | null;
    sort: CommentSortKey;
    afterId: number | null;
    limit: number;
    repliesPerParent: number;
    expandId: number | null;
    maxReplies: number;
    pinnedLimit: number;
  },
): Promise<ThreadPageWithObjective | undefined> {
  const { slug, viewerId, sort, afterId, limit } = options;
  const after =
    afterId === null
      ? sql`true`
      : sort === "oldest"
        ? sql`(c.created_at, c.id) > (select k.created_at, k.id from comments k where k.id = ${afterId}::int and k.objective_id = c.objective_id)`
        : sort === "most_replied"
          ? sql`(c.reply_count, c.id) < (select k.reply_count, k.id from comments k where k.id = ${afterId}::int and k.objective_id = c.objective_id)`
          : sql`(c.created_at, c.id) < (select k.created_at, k.id from comments k where k.id = ${afterId}::int and k.objective_id = c.objective_id)`;
  const result = await sql<{
    id: number;
    slug: string;
    discussion_locked_at: Date | string | null;
    cycle_name: string | null;
    cycle_status: string | null;
    my_stance: CommentStance | null;
    rows: ThreadRow[];
    pinned: ThreadRow[];
  }>`
    with obj as (
      select o.id, o.slug, o.discussion_locked_at, pc.name as cycle_name, pc.status as cycle_status
      from objectives o
      left join domains d on d.id = o.domain_id
      left join plans p on p.id = d.plan_id
      left join plan_cycles pc on pc.id = p.cycle_id
      where o.slug = ${slug}
    ),
    page as (
      select c.* from comments c
      where c.objective_id = (select id from obj) and c.parent_id is null and c.kind <> 'official_response'
        and ${visibleTo("c", viewerId)} and ${after}
      order by ${sortOrder(sort, "c")}
      limit ${limit}::int
    ),
    pinned as (
      select c.* from comments c
      where ${afterId === null} and c.objective_id = (select id from obj) and c.parent_id is null and c.kind = 'official_response'
        and ${visibleTo("c", viewerId)}
      order by c.created_at desc, c.id desc
      limit ${options.pinnedLimit}::int
    )
    select obj.id, obj.slug, obj.discussion_locked_at, obj.cycle_name, obj.cycle_status,
      (select s.stance from stances s where s.user_id = ${viewerId}::int and s.objective_id = obj.id) as my_stance,
      coalesce((select json_agg(t order by ${sortOrder(sort, "t")}) from (${threadRows(sql`page`, options)}) t), '[]'::json) as rows,
      coalesce((select json_agg(t order by t.created_at desc, t.id desc) from (${threadRows(sql`pinned`, options)}) t), '[]'::json) as pinned
    from obj`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    objective: { id: row.id, slug: row.slug, discussion_locked_at: row.discussion_locked_at },
    cycle: row.cycle_status === null ? null : { name: row.cycle_name!, status: row.cycle_status },
    rows: row.rows,
    pinned: row.pinned,
    myStance: row.my_stance,
  };
}

/**
 * One page of an objective's top-level thread with each comment's first replies, in one statement.
 * Keyset pagination: `afterId` is the last top-level comment of the previous page; its sort key is read
 * from the row itself, so timestamps never lose precision in a cursor.
 */
export async function listThreadPage(
  db: Executor,
  options: {
    objectiveId: number;
    viewerId: number | null;
    sort: CommentSortKey;
    afterId: number | null;
    limit: number;
    repliesPerParent: number;
    /** A parent whose replies are all returned (up to maxReplies). */
    expandId: number | null;
    maxReplies: number;
    /** Official responses are pinned and fetched on their own. */
    kinds: "official" | "others";
    /** Only this top-level comment's thread (a link to one comment). */
    onlyId?: number | null;
  },
): Promise<ThreadRow[]> {
  const { objectiveId, viewerId, sort, afterId, limit, repliesPerParent, expandId, maxReplies } = options;
  const kindFilter =
    options.onlyId != null
      ? sql`c.id = ${options.onlyId}::int`
      : options.kinds === "official"
        ? sql`c.kind = 'official_response'`
        : sql`c.kind <> 'official_response'`;
  const order =
    sort === "oldest" ? sql`c.created_at asc, c.id asc` : sort === "most_replied" ? sql`c.reply_count desc, c.id desc` : sql`c.created_at desc, c.id desc`;
  const outerOrder =
    sort === "oldest" ? sql`p.created_at asc, p.id asc` : sort === "most_replied" ? sql`p.reply_count desc, p.id desc` : sql`p.created_at desc, p.id desc`;
  const after =
    afterId === null
      ? sql`true`
      : sort === "oldest"
        ? sql`(c.created_at, c.id) > (select k.created_at, k.id from comments k where k.id = ${afterId}::int and k.objective_id = ${objectiveId}::int)`
        : sort === "most_replied"
          ? sql`(c.reply_count, c.id) < (select k.reply_count, k.id from comments k where k.id = ${afterId}::int and k.objective_id = ${objectiveId}::int)`
          : sql`(c.created_at, c.id) < (select k.created_at, k.id from comments k where k.id = ${afterId}::int and k.objective_id = ${objectiveId}::int)`;

  const result = await sql<ThreadRow>`
    with page as (
      select c.* from comments c
      where c.objective_id = ${objectiveId} and c.parent_id is null and ${kindFilter}
        and ${visibleTo("c", viewerId)} and ${after}
      order by ${order}
      limit ${limit}::int
    )
    ${threadRows(sql`page`, { viewerId, repliesPerParent, expandId, maxReplies })}
    order by ${outerOrder}`.execute(db);
  return result.rows;
}

export type SearchObjectiveRow = {
  slug: string;
  position: number;
  domain_name: string;
  domain_slug: string;
  headline: string;
  rank: number;
};

export type SearchCommentRow = {
  id: number;
  objective_slug: string;
  objective_text: string;
  objective_position: number;
  author_name: string | null;
  kind: CommentKind;
  created_at: Date | string;
  headline: string;
  rank: number;
};

const headlineOptions = (start: string, stop: string) =>
  `StartSel=${start}, StopSel=${stop}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/** Full-text search of objective text; `start`/`stop` mark the matches inside `headline`. */
export async function searchObjectives(db: Executor, q: string, markers: { start: string; stop: string }, limit: number): Promise<SearchObjectiveRow[]> {
  const strip = `${markers.start}${markers.stop}`;
  const result = await sql<SearchObjectiveRow>`
    with query as (select websearch_to_tsquery('english', ${q}) as tsq)
    select o.slug, o.position, d.name as domain_name, d.slug as domain_slug,
      ts_headline('english', translate(o.text, ${strip}, ''), query.tsq, ${headlineOptions(markers.start, markers.stop)}) as headline,
      ts_rank(to_tsvector('english', o.text), query.tsq) as rank
    from objectives o join domains d on d.id = o.domain_id, query
    where o.retired_at is null and to_tsvector('english', o.text) @@ query.tsq
    order by rank desc, d.position, o.position
    limit ${limit}`.execute(db);
  return result.rows;
}

/** Full-text search of visible, not deleted comments on current objectives. */
export async function searchComments(db: Executor, q: string, markers: { start: string; stop: string }, limit: number): Promise<SearchCommentRow[]> {
  const strip = `${markers.start}${markers.stop}`;
  const result = await sql<SearchCommentRow>`
    with query as (select websearch_to_tsquery('english', ${q}) as tsq),
    hits as (
      select c.id, c.objective_id, c.author_id, c.kind, c.created_at, c.body, ts_rank(c.search, query.tsq) as rank
      from comments c, query
      where c.search @@ query.tsq and c.status = 'visible' and c.deleted_at is null
      order by rank desc, c.id desc
      limit ${limit}
    )
    select h.id, o.slug as objective_slug, o.text as objective_text, o.position as objective_position,
      u.display_name as author_name, h.kind, h.created_at, h.rank,
      ts_headline('english', translate(h.body, ${strip}, ''), query.tsq, ${headlineOptions(markers.start, markers.stop)}) as headline
    from hits h join objectives o on o.id = h.objective_id left join users u on u.id = h.author_id, query
    where o.retired_at is null
    order by h.rank desc, h.id desc`.execute(db);
  return result.rows;
}
