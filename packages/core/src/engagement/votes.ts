import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";
import { writableObjectiveTarget } from "../cycles/queries";

type Executor = Kysely<DB> | Transaction<DB>;

// Support votes: one per member and objective; the count is kept by a trigger (objective_counters).

/**
 * Sets a member's support in one statement (one round trip, no explicit transaction): `found` is
 * false when the objective does not exist or is retired, and then nothing is written. Adding also
 * follows the objective (source "vote") unless the member has a follow row already.
 */
export async function setSupportVote(db: Executor, userId: number, objectiveId: number, supported: boolean): Promise<{ found: boolean; changed: boolean }> {
  const result = supported
    ? await sql<{ found: boolean; changed: boolean }>`
        with target as (${writableObjectiveTarget(objectiveId)}),
        vote as (
          insert into support_votes (user_id, objective_id) select ${userId}, id from target
          on conflict (user_id, objective_id) do nothing returning id
        ),
        follow as (
          insert into objective_follows (user_id, objective_id, source) select ${userId}, id, 'vote' from target
          on conflict (user_id, objective_id) do nothing
        )
        select exists (select 1 from target) as found, exists (select 1 from vote) as changed`.execute(db)
    : await sql<{ found: boolean; changed: boolean }>`
        with target as (${writableObjectiveTarget(objectiveId)}),
        vote as (
          delete from support_votes where user_id = ${userId} and objective_id in (select id from target) returning id
        )
        select exists (select 1 from target) as found, exists (select 1 from vote) as changed`.execute(db);
  const row = result.rows[0];
  return { found: row?.found === true, changed: row?.changed === true };
}

export async function hasSupportVote(db: Executor, userId: number, objectiveId: number): Promise<boolean> {
  const row = await db.selectFrom("support_votes").select("id").where("user_id", "=", userId).where("objective_id", "=", objectiveId).executeTakeFirst();
  return row !== undefined;
}

/** Exact: the counter is kept by a trigger in every vote's own transaction. */
export async function countSupportVotes(db: Executor, objectiveId: number): Promise<number> {
  const result = await sql<{ supports: number }>`select supports from objective_counters where objective_id = ${objectiveId}`.execute(db);
  return Number(result.rows[0]?.supports ?? 0);
}
