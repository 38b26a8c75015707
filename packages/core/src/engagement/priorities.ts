import { sql, type DB, type Kysely, type PriorityAllocation, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// Priority points: what a member places on each objective.

/** The member's points in the active cycle only: the budget is per cycle (decision 024). */
export function listCurrentCycleAllocationsByUser(db: Executor, userId: number): Promise<PriorityAllocation[]> {
  return db
    .selectFrom("priority_allocations as pa")
    .innerJoin("objectives as o", "o.id", "pa.objective_id")
    .innerJoin("domains as d", "d.id", "o.domain_id")
    .innerJoin("plans as p", "p.id", "d.plan_id")
    .innerJoin("plan_cycles as pc", "pc.id", "p.cycle_id")
    .selectAll("pa")
    .where("pa.user_id", "=", userId)
    .where("pc.status", "=", "active")
    .orderBy("pa.objective_id")
    .execute();
}

/** Sets one objective's points (0 removes the row). */
export async function setPriorityAllocation(db: Executor, userId: number, objectiveId: number, points: number): Promise<void> {
  if (points <= 0) {
    await db.deleteFrom("priority_allocations").where("user_id", "=", userId).where("objective_id", "=", objectiveId).execute();
    return;
  }
  await db
    .insertInto("priority_allocations")
    .values({ user_id: userId, objective_id: objectiveId, points })
    .onConflict((oc) => oc.columns(["user_id", "objective_id"]).doUpdateSet({ points, updated_at: sql`now()` }))
    .execute();
}
