import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Executor = Kysely<DB> | Transaction<DB>;

export async function recordAuthAttempt(db: Executor, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.insertInto("auth_attempts").values(keys.map((key) => ({ key }))).execute();
}

export async function countAuthAttemptsSince(db: Executor, key: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom("auth_attempts")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("key", "=", key)
    .where("created_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function clearAuthAttempts(db: Executor, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom("auth_attempts").where("key", "in", keys).execute();
}

export async function pruneAuthAttempts(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom("auth_attempts").where("created_at", "<", before).execute();
}
