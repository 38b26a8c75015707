import type { DB, Kysely } from "@planpulse/db";
import { countVisibleCommentsByObjective } from "./queries";

/** Visible, not deleted comments (replies included) per objective; every requested id is in the map, 0 when none. */
export async function getCommentCounts(db: Kysely<DB>, objectiveIds: readonly number[]): Promise<Map<number, number>> {
  const counts = await countVisibleCommentsByObjective(db, objectiveIds);
  return new Map(objectiveIds.map((id) => [id, counts.get(id) ?? 0]));
}
