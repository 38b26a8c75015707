import { kickNotificationMail, type DB, type FollowSource, type Kysely, type NewNotification, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// Follows and notifications: who follows an objective, and the rows that are each member's notifications (and mail).

/**
 * Follows an objective. An explicit follow always wins (and undoes an earlier unfollow); an automatic
 * one (after a vote or comment) never overrides what the member chose.
 */
export async function upsertFollow(db: Executor, userId: number, objectiveId: number, source: FollowSource): Promise<void> {
  await db
    .insertInto("objective_follows")
    .values({ user_id: userId, objective_id: objectiveId, source })
    .onConflict((oc) =>
      source === "explicit"
        ? oc.columns(["user_id", "objective_id"]).doUpdateSet({ unfollowed_at: null, source: "explicit" })
        : oc.columns(["user_id", "objective_id"]).doNothing(),
    )
    .execute();
}

export async function markUnfollowed(db: Executor, userId: number, objectiveId: number): Promise<void> {
  await db
    .insertInto("objective_follows")
    .values({ user_id: userId, objective_id: objectiveId, source: "explicit", unfollowed_at: new Date() })
    .onConflict((oc) => oc.columns(["user_id", "objective_id"]).doUpdateSet({ unfollowed_at: new Date() }))
    .execute();
}

export async function listFollowerIds(db: Executor, objectiveId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("objective_follows")
    .innerJoin("users", "users.id", "objective_follows.user_id")
    .select("objective_follows.user_id")
    .where("objective_follows.objective_id", "=", objectiveId)
    .where("objective_follows.unfollowed_at", "is", null)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * The one way notifications are written. Each row is also mail waiting to be sent (per its
 * recipient's preference for its kind, decided by the notification worker), so any kind inserted
 * here is mailed with no further work (decision 020).
 */
export async function insertNotifications(db: Executor, rows: NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insertInto("notifications").values(rows).returning("id").execute();
  await kickNotificationMail(db);
  return inserted.length;
}

export async function countUnreadNotifications(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the user's notifications read (only theirs: ids of others are ignored); all when ids is null. */
export async function markNotificationsRead(db: Executor, userId: number, ids: number[] | null): Promise<number> {
  let update = db.updateTable("notifications").set({ read_at: new Date() }).where("user_id", "=", userId).where("read_at", "is", null);
  if (ids) {
    if (ids.length === 0) return 0;
    update = update.where("id", "in", ids);
  }
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
