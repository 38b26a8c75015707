import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

/** Replaces everything that identifies the member; the row (and so their votes, stances, comments) stays. */
export async function anonymiseUser(db: Executor, userId: number, placeholderEmail: string): Promise<void> {
  await db
    .updateTable("users")
    .set({
      display_name: "Former member",
      handle: null,
      email: placeholderEmail,
      password_hash: null,
      member_id: null,
      email_verified_at: null,
      deleted_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where("id", "=", userId)
    .execute();
  // The link to the organisation's sign-in identifies the person too.
  await db.deleteFrom("user_identities").where("user_id", "=", userId).execute();
}

/** The member's votes, points and stances with the objective each is about, newest first. */
export async function listMyEngagementDetail(db: Executor, userId: number) {
  const objective = ["objectives.id as objective_id", "objectives.slug as objective_slug", "objectives.text as objective_text"] as const;
  const [votes, priorities, stances, stanceHistory] = await Promise.all([
    db
      .selectFrom("support_votes")
      .innerJoin("objectives", "objectives.id", "support_votes.objective_id")
      .select([...objective, "support_votes.created_at"])
      .where("support_votes.user_id", "=", userId)
      .orderBy("support_votes.created_at", "desc")
      .execute(),
    db
      .selectFrom("priority_allocations")
      .innerJoin("objectives", "objectives.id", "priority_allocations.objective_id")
      .select([...objective, "priority_allocations.points", "priority_allocations.updated_at"])
      .where("priority_allocations.user_id", "=", userId)
      .orderBy("priority_allocations.points", "desc")
      .orderBy("objectives.id")
      .execute(),
    db
      .selectFrom("stances")
      .innerJoin("objectives", "objectives.id", "stances.objective_id")
      .select([...objective, "stances.stance", "stances.updated_at"])
      .where("stances.user_id", "=", userId)
      .orderBy("stances.updated_at", "desc")
      .execute(),
    db
      .selectFrom("stance_history")
      .innerJoin("objectives", "objectives.id", "stance_history.objective_id")
      .select([...objective, "stance_history.stance", "stance_history.created_at"])
      .where("stance_history.user_id", "=", userId)
      .orderBy("stance_history.created_at")
      .orderBy("stance_history.id")
      .execute(),
  ]);
  return { votes, priorities, stances, stanceHistory };
}

/** What the member wrote and flagged, for "Download my data" (every state, including hidden and deleted). */
export async function listMyWriting(db: Executor, userId: number) {
  const [comments, revisions, flags] = await Promise.all([
    db
      .selectFrom("comments")
      .innerJoin("objectives", "objectives.id", "comments.objective_id")
      .select([
        "comments.id",
        "objectives.slug as objective_slug",
        "comments.parent_id",
        "comments.kind",
        "comments.body",
        "comments.stance",
        "comments.status",
        "comments.hidden_reason",
        "comments.edited_at",
        "comments.deleted_at",
        "comments.created_at",
      ])
      .where("comments.author_id", "=", userId)
      .orderBy("comments.created_at")
      .execute(),
    db.selectFrom("comment_revisions").select(["comment_id", "body", "created_at"]).where("editor_id", "=", userId).orderBy("created_at").execute(),
    db
      .selectFrom("comment_flags")
      .select(["comment_id", "reason", "note", "created_at", "resolved_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute(),
  ]);
  return { comments, revisions, flags };
}

export function listAuditByActor(db: Executor, actorId: number) {
  return db
    .selectFrom("audit_log")
    .select(["action", "target_type", "target_id", "created_at"])
    .where("actor_id", "=", actorId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}
