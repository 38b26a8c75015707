import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

export type ThrottleRow = { key: string; failures: number; next_allowed_at: Date; last_at: Date };

/**
 * Makes sure a row exists for each key, then locks them all (in key order, so two requests never
 * wait on each other crosswise). Whoever holds the locks decides alone; parallel requests queue.
 */
export async function lockThrottleRows(trx: Transaction<DB>, keys: string[], now: Date): Promise<ThrottleRow[]> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return [];
  await trx
    .insertInto("attempt_throttles")
    .values(sorted.map((key) => ({ key, failures: 0, next_allowed_at: now, last_at: now })))
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return trx.selectFrom("attempt_throttles").selectAll().where("key", "in", sorted).orderBy("key").forUpdate().execute();
}

export async function writeThrottleRow(trx: Transaction<DB>, row: ThrottleRow): Promise<void> {
  await trx
    .updateTable("attempt_throttles")
    .set({ failures: row.failures, next_allowed_at: row.next_allowed_at, last_at: row.last_at })
    .where("key", "=", row.key)
    .execute();
}

/** Gives back one reserved attempt (the password was right): the count drops by one, the wait ends. */
export async function refundThrottleAttempt(db: Executor, keys: string[], now: Date): Promise<void> {
  if (keys.length === 0) return;
  await db
    .updateTable("attempt_throttles")
    .set({ failures: sql`greatest(failures - 1, 0)`, next_allowed_at: now })
    .where("key", "in", keys)
    .execute();
}

export async function deleteThrottleRows(db: Executor, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom("attempt_throttles").where("key", "in", keys).execute();
}

export async function findThrottleRow(db: Executor, key: string): Promise<ThrottleRow | undefined> {
  return db.selectFrom("attempt_throttles").selectAll().where("key", "=", key).executeTakeFirst();
}

export async function upsertThrottleMark(db: Executor, key: string, now: Date): Promise<void> {
  await db
    .insertInto("attempt_throttles")
    .values({ key, failures: 0, next_allowed_at: now, last_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ last_at: now }))
    .execute();
}

export async function pruneThrottleRows(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom("attempt_throttles").where("last_at", "<", before).where("next_allowed_at", "<", before).execute();
}
