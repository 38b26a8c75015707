import { countSupportVotes, deleteSupportVote, findActiveObjectiveId, hasSupportVote, insertSupportVote, setSupportVote, type DB, type Kysely } from "@planpulse/db";
import { AppError } from "../errors";
import { autoFollowObjective } from "../notifications/follow-objective";

export type ToggleSupportArgs = { userId: number; objectiveId: number; /** The state wanted; omitted flips the current one. */ supported?: boolean };
export type SupportState = { objectiveId: number; supported: boolean; count: number };

/**
 * Adds or removes a member's support vote. The unique (user_id, objective_id) key makes the insert
 * idempotent, so parallel or repeated requests can never count a member twice.
 */
export async function toggleSupport(db: Kysely<DB>, input: ToggleSupportArgs): Promise<SupportState> {
  // The buttons always say which state they want: one statement does it (the hot write path).
  if (input.supported !== undefined) {
    const { found } = await setSupportVote(db, input.userId, input.objectiveId, input.supported);
    if (!found) throw new AppError("NOT_FOUND", { userMessage: "That objective does not exist." });
    return { objectiveId: input.objectiveId, supported: input.supported, count: await countSupportVotes(db, input.objectiveId) };
  }
  const supported = await db.transaction().execute(async (trx) => {
    if ((await findActiveObjectiveId(trx, input.objectiveId)) === undefined) {
      throw new AppError("NOT_FOUND", { userMessage: "That objective does not exist." });
    }
    const want = input.supported ?? !(await hasSupportVote(trx, input.userId, input.objectiveId));
    if (want) await insertSupportVote(trx, input.userId, input.objectiveId);
    if (want) await autoFollowObjective(trx, input.userId, input.objectiveId, "vote");
    else await deleteSupportVote(trx, input.userId, input.objectiveId);
    return want;
  });
  // Counted after commit, so the answer includes every vote committed before this one.
  return { objectiveId: input.objectiveId, supported, count: await countSupportVotes(db, input.objectiveId) };
}
