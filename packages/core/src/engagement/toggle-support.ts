import type { DB, Kysely } from "@planpulse/db";
import { countSupportVotes, hasSupportVote, setSupportVote } from "./votes";
import { refuseUnwritableObjective } from "../cycles/writable";

export type ToggleSupportArgs = { userId: number; objectiveId: number; /** The state wanted; omitted flips the current one. */ supported?: boolean };
export type SupportState = { objectiveId: number; supported: boolean; count: number };

/**
 * Adds or removes a member's support vote in one statement (which also auto-follows on a vote). The
 * unique (user_id, objective_id) key makes it idempotent, so parallel or repeated requests can never
 * count a member twice.
 */
export async function toggleSupport(db: Kysely<DB>, input: ToggleSupportArgs): Promise<SupportState> {
  const supported = input.supported ?? !(await hasSupportVote(db, input.userId, input.objectiveId));
  const { found } = await setSupportVote(db, input.userId, input.objectiveId, supported);
  if (!found) await refuseUnwritableObjective(db, input.objectiveId);
  // Counted after the write, so the answer includes every vote committed before this one.
  return { objectiveId: input.objectiveId, supported, count: await countSupportVotes(db, input.objectiveId) };
}
