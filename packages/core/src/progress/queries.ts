import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// Milestones and progress updates.

export function listMilestones(db: Executor, objectiveIds: number[]) {
  if (objectiveIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("milestones")
    .select(["id", "objective_id", "title", "done", "retired_at", sql<string | null>`to_char(due_date, 'YYYY-MM-DD')`.as("due_date")])
    .where("objective_id", "in", objectiveIds)
    .where("retired_at", "is", null)
    .orderBy(sql`due_date nulls last`)
    .orderBy("id")
    .execute();
}

export function findMilestone(db: Executor, id: number) {
  return db
    .selectFrom("milestones")
    .select(["id", "objective_id", "title", "done", "retired_at", sql<string | null>`to_char(due_date, 'YYYY-MM-DD')`.as("due_date")])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** An objective's updates, newest first; by id, or by slug in the same round trip (unknown slug: none). */
export function listProgressUpdateRows(db: Executor, objective: number | { slug: string }, limit = 50) {
  return db
    .selectFrom("progress_updates")
    .leftJoin("users", "users.id", "progress_updates.author_id")
    .select([
      "progress_updates.id",
      "progress_updates.body",
      "progress_updates.status",
      "progress_updates.percent_complete",
      "progress_updates.created_at",
      "users.display_name as author_name",
    ])
    .where(
      "progress_updates.objective_id",
      "=",
      typeof objective === "number" ? objective : (eb) => eb.selectFrom("objectives").select("id").where("slug", "=", objective.slug),
    )
    .orderBy("progress_updates.created_at", "desc")
    .orderBy("progress_updates.id", "desc")
    .limit(limit)
    .execute();
}
