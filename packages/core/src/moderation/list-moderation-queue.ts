import { sql, type CommentStatus, type DB, type FlagReason, type Kysely } from "@planpulse/db";

export type AuthorHistory = {
  id: number;
  displayName: string;
  memberSince: string;
  suspended: boolean;
  comments: number;
  flagsAgainst: number;
  hidden: number;
};

export type ModerationItem = {
  commentId: number;
  body: string;
  kind: string;
  status: CommentStatus;
  heldReason: string | null;
  hiddenReason: string | null;
  createdAt: string;
  /** When the newest reason to look at this comment arrived (held on posting, or the latest flag). */
  riskAt: string;
  isReply: boolean;
  objective: { id: number; slug: string; text: string; discussionLocked: boolean };
  flags: Array<{ reason: FlagReason; note: string | null; createdAt: string }>;
  flagCounts: Array<{ reason: FlagReason; count: number }>;
  author: AuthorHistory | null;
};

const QUEUE_LIMIT = 100;

async function authorHistories(db: Kysely<DB>, authorIds: number[]): Promise<Map<number, AuthorHistory>> {
  if (authorIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("users as u")
    .select([
      "u.id",
      "u.display_name",
      "u.created_at",
      "u.suspended_at",
      (eb) => eb.selectFrom("comments").select(eb.fn.countAll<string>().as("n")).whereRef("comments.author_id", "=", "u.id").as("comments"),
      (eb) =>
        eb
          .selectFrom("comments")
          .select(eb.fn.countAll<string>().as("n"))
          .whereRef("comments.author_id", "=", "u.id")
          .where("comments.status", "=", "hidden")
          .as("hidden"),
      (eb) =>
        eb
          .selectFrom("comment_flags")
          .innerJoin("comments", "comments.id", "comment_flags.comment_id")
          .select(eb.fn.countAll<string>().as("n"))
          .whereRef("comments.author_id", "=", "u.id")
          .as("flags_against"),
    ])
    .where("u.id", "in", authorIds)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        displayName: row.display_name,
        memberSince: row.created_at.toISOString(),
        suspended: row.suspended_at !== null,
        comments: Number(row.comments ?? 0),
        flagsAgainst: Number(row.flags_against ?? 0),
        hidden: Number(row.hidden ?? 0),
      },
    ]),
  );
}

/**
 * The moderation queue: held comments and comments with open flags, newest risk first. With
 * view "hidden", the recently hidden comments instead, so a moderator can restore one.
 */
export async function listModerationQueue(db: Kysely<DB>, options: { view?: "queue" | "hidden" } = {}): Promise<{ items: ModerationItem[]; total: number }> {
  const view = options.view ?? "queue";
  const openFlags = db
    .selectFrom("comment_flags")
    .select(["comment_id", (eb) => eb.fn.max("created_at").as("latest_flag_at"), (eb) => eb.fn.countAll<string>().as("open_flags")])
    .where("resolved_at", "is", null)
    .groupBy("comment_id")
    .as("f");
  let base = db
    .selectFrom("comments as c")
    .innerJoin("objectives as o", "o.id", "c.objective_id")
    .leftJoin(openFlags, "f.comment_id", "c.id")
    .where("c.deleted_at", "is", null);
  base =
    view === "hidden"
      ? base.where("c.status", "=", "hidden")
      : base.where((eb) => eb.or([eb("c.status", "=", "held"), eb.and([eb("c.status", "=", "visible"), eb("f.open_flags", "is not", null)])]));
  const riskAt =
    view === "hidden"
      ? sql<Date>`coalesce(c.moderated_at, c.updated_at)`
      : sql<Date>`greatest(case when c.status = 'held' then c.created_at end, f.latest_flag_at)`;
  const [rows, total] = await Promise.all([
    base
      .select([
        "c.id",
        "c.body",
        "c.kind",
        "c.status",
        "c.held_reason",
        "c.hidden_reason",
        "c.created_at",
        "c.parent_id",
        "c.author_id",
        "o.id as objective_id",
        "o.slug as objective_slug",
        "o.text as objective_text",
        "o.discussion_locked_at",
        riskAt.as("risk_at"),
      ])
      .orderBy(riskAt, "desc")
      .orderBy("c.id", "desc")
      .limit(QUEUE_LIMIT)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const flags =
    ids.length === 0
      ? []
      : await db
          .selectFrom("comment_flags")
          .select(["comment_id", "reason", "note", "created_at"])
          .where("comment_id", "in", ids)
          .where(view === "hidden" ? sql<boolean>`true` : sql<boolean>`resolved_at is null`)
          .orderBy("created_at", "desc")
          .execute();
  const authors = await authorHistories(db, [...new Set(rows.flatMap((r) => (r.author_id === null ? [] : [r.author_id])))]);
  const items: ModerationItem[] = rows.map((row) => {
    const own = flags.filter((f) => f.comment_id === row.id);
    const counts = new Map<FlagReason, number>();
    for (const flag of own) counts.set(flag.reason, (counts.get(flag.reason) ?? 0) + 1);
    return {
      commentId: row.id,
      body: row.body,
      kind: row.kind,
      status: row.status,
      heldReason: row.held_reason,
      hiddenReason: row.hidden_reason,
      createdAt: row.created_at.toISOString(),
      riskAt: new Date(row.risk_at ?? row.created_at).toISOString(),
      isReply: row.parent_id !== null,
      objective: { id: row.objective_id, slug: row.objective_slug, text: row.objective_text, discussionLocked: row.discussion_locked_at !== null },
      flags: own.map((f) => ({ reason: f.reason, note: f.note, createdAt: f.created_at.toISOString() })),
      flagCounts: [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      author: row.author_id === null ? null : (authors.get(row.author_id) ?? null),
    };
  });
  return { items, total: Number(total.n) };
}

/** Recent moderation decisions with their reasons, newest first (the moderators' own log). */
export async function listModerationLog(db: Kysely<DB>, options: { limit?: number } = {}) {
  const rows = await db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_id")
    .select(["a.id", "a.action", "a.target_type", "a.target_id", "a.reason", "a.before", "a.after", "a.created_at", "u.display_name"])
    .where("a.action", "in", [
      "comment.approve",
      "comment.hide",
      "comment.restore",
      "objective.lock_discussion",
      "objective.unlock_discussion",
      "user.suspend",
      "user.reinstate",
      "moderation.settings_update",
    ])
    .orderBy("a.id", "desc")
    .limit(options.limit ?? 100)
    .execute();
  return rows.map((row) => ({
    id: String(row.id),
    action: row.action,
    target: `${row.target_type} #${row.target_id ?? "?"}`,
    reason: row.reason,
    before: row.before === null ? null : JSON.stringify(row.before),
    after: row.after === null ? null : JSON.stringify(row.after),
    createdAt: row.created_at.toISOString(),
    actor: row.display_name,
  }));
}

/** Objectives whose discussion is locked, and suspended members: what moderators may want to undo. */
export async function listModerationRestrictions(db: Kysely<DB>) {
  const [objectives, members] = await Promise.all([
    db
      .selectFrom("objectives")
      .select(["id", "slug", "text", "discussion_locked_at"])
      .where("discussion_locked_at", "is not", null)
      .orderBy("discussion_locked_at", "desc")
      .execute(),
    db
      .selectFrom("users")
      .select(["id", "display_name", "suspended_at"])
      .where("suspended_at", "is not", null)
      .orderBy("suspended_at", "desc")
      .limit(100)
      .execute(),
  ]);
  return {
    lockedObjectives: objectives.map((o) => ({ id: o.id, slug: o.slug, text: o.text, lockedAt: (o.discussion_locked_at as Date).toISOString() })),
    suspendedMembers: members.map((m) => ({ id: m.id, displayName: m.display_name, suspendedAt: (m.suspended_at as Date).toISOString() })),
  };
}
