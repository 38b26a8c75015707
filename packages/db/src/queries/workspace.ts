import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, Role } from "../schema";

type Executor = Kysely<DB> | Transaction<DB>;

// ---- staff domain assignments ----

export async function listAssignedDomainIds(db: Executor, userId: number): Promise<number[]> {
  const rows = await db.selectFrom("staff_domain_assignments").select("domain_id").where("user_id", "=", userId).execute();
  return rows.map((r) => r.domain_id);
}

/** Replaces a user's assignments; returns the domain ids before the change. */
export async function replaceAssignedDomains(db: Transaction<DB>, userId: number, domainIds: number[]): Promise<number[]> {
  const before = await listAssignedDomainIds(db, userId);
  await db.deleteFrom("staff_domain_assignments").where("user_id", "=", userId).execute();
  if (domainIds.length > 0) {
    await db
      .insertInto("staff_domain_assignments")
      .values(domainIds.map((domain_id) => ({ user_id: userId, domain_id })))
      .execute();
  }
  return before.sort((a, b) => a - b);
}

export async function assignAllDomains(db: Executor, userId: number): Promise<void> {
  await sql`
    insert into staff_domain_assignments (user_id, domain_id)
    select ${userId}, id from domains
    on conflict do nothing`.execute(db);
}

// ---- milestones ----

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

// ---- progress updates ----

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

// ---- invitations ----

export function findInvitationByTokenHash(db: Executor, tokenHash: string) {
  return db.selectFrom("invitations").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** Marks an invitation used, once: resolves to undefined when it was already used or has expired. */
export function claimInvitation(db: Transaction<DB>, id: number, userId: number, now: Date) {
  return db
    .updateTable("invitations")
    .set({ accepted_at: now, accepted_user_id: userId })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now)
    .returningAll()
    .executeTakeFirst();
}

export function countActiveAdmins(db: Executor): Promise<number> {
  return db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("role", "=", "admin" satisfies Role)
    .where("suspended_at", "is", null)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}
