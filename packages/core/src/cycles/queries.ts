import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// Which objectives members may write to, and which cycle an objective belongs to.

/**
 * The objectives members may write to: not retired, in a domain that is not retired, in the active
 * plan cycle. The cycle row is share-locked, so a write that passes this check commits before a
 * new-cycle import can archive the cycle (the import waits), and one after it finds nothing.
 */
export function writableObjectiveTarget(objectiveId: number) {
  return sql<{ id: number }>`
    select o.id from objectives o
    join domains d on d.id = o.domain_id
    join plans p on p.id = d.plan_id
    join plan_cycles pc on pc.id = p.cycle_id
    where o.id = ${objectiveId} and o.retired_at is null and d.retired_at is null and pc.status = 'active'
    for share of pc`;
}

/** The objective's id when members may write to it (see writableObjectiveTarget); undefined otherwise. */
export async function findActiveObjectiveId(db: Executor, objectiveId: number): Promise<number | undefined> {
  const result = await writableObjectiveTarget(objectiveId).execute(db);
  return result.rows[0]?.id;
}

/** The cycle an objective belongs to (whatever its state), for explaining a refused write. */
export async function findObjectiveCycle(db: Executor, objectiveId: number) {
  return db
    .selectFrom("objectives as o")
    .innerJoin("domains as d", "d.id", "o.domain_id")
    .innerJoin("plans as p", "p.id", "d.plan_id")
    .innerJoin("plan_cycles as pc", "pc.id", "p.cycle_id")
    .select(["pc.id", "pc.slug", "pc.name", "pc.status", "o.retired_at", "d.retired_at as domain_retired_at"])
    .where("o.id", "=", objectiveId)
    .executeTakeFirst();
}
