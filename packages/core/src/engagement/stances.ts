import { sql, type DB, type Kysely, type Stance, type StanceValue, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// Stances: a member's current stance per objective and its history.

export function findStance(db: Executor, userId: number, objectiveId: number): Promise<Stance | undefined> {
  return db.selectFrom("stances").selectAll().where("user_id", "=", userId).where("objective_id", "=", objectiveId).executeTakeFirst();
}

export async function upsertStance(db: Executor, userId: number, objectiveId: number, stance: StanceValue): Promise<void> {
  await db
    .insertInto("stances")
    .values({ user_id: userId, objective_id: objectiveId, stance })
    .onConflict((oc) => oc.columns(["user_id", "objective_id"]).doUpdateSet({ stance, updated_at: sql`now()` }))
    .execute();
}

export async function appendStanceHistory(db: Executor, userId: number, objectiveId: number, stance: StanceValue): Promise<void> {
  await db.insertInto("stance_history").values({ user_id: userId, objective_id: objectiveId, stance }).execute();
}
