import type { DB, Kysely, StanceValue, Transaction } from "@planpulse/db";
import { appendStanceHistory, findStance, upsertStance } from "./stances";
import { lockUserRow } from "@planpulse/auth";
import { requireWritableObjective } from "../cycles/writable";

export type SetStanceInput = { userId: number; objectiveId: number; stance: StanceValue };
export type SetStanceResult = { objectiveId: number; stance: StanceValue; previous: StanceValue | null; changed: boolean };

/**
 * Records a member's current stance on an objective and appends it to stance_history when it changed.
 * Pass a Transaction to take part in the caller's transaction (e.g. posting a comment with a stance);
 * with a Kysely instance it opens its own.
 */
export async function setStance(db: Kysely<DB> | Transaction<DB>, input: SetStanceInput): Promise<SetStanceResult> {
  if (db.isTransaction) return setStanceIn(db as Transaction<DB>, input);
  return db.transaction().execute((trx) => setStanceIn(trx, input));
}

async function setStanceIn(trx: Transaction<DB>, { userId, objectiveId, stance }: SetStanceInput): Promise<SetStanceResult> {
  await requireWritableObjective(trx, objectiveId);
  // One member's stance changes queue behind their user row, so history never records a lost update.
  await lockUserRow(trx, userId);
  const current = await findStance(trx, userId, objectiveId);
  if (current?.stance === stance) return { objectiveId, stance, previous: stance, changed: false };
  await upsertStance(trx, userId, objectiveId, stance);
  await appendStanceHistory(trx, userId, objectiveId, stance);
  return { objectiveId, stance, previous: current?.stance ?? null, changed: true };
}
