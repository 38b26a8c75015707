import type { DB, Kysely, Transaction } from "@planpulse/db";
import { findActiveObjectiveId, findObjectiveCycle } from "./queries";
import { AppError } from "../errors";

type Executor = Kysely<DB> | Transaction<DB>;

/** The message every refused write to an archived cycle carries (one wording for API and pages). */
export function archivedCycleMessage(cycleName: string): string {
  return `“${cycleName}” is an archived plan cycle: it is read-only. Votes, stances, comments, priorities and progress go to the current plan.`;
}

/**
 * Why a write to this objective cannot go ahead: 409 when its plan cycle is archived, 404 when it
 * does not exist or is retired (or its domain is). Call it after a write found no writable target.
 */
export async function refuseUnwritableObjective(db: Executor, objectiveId: number): Promise<never> {
  const found = await findObjectiveCycle(db, objectiveId);
  if (found && found.status === "archived") throw new AppError("CONFLICT", { userMessage: archivedCycleMessage(found.name) });
  throw new AppError("NOT_FOUND", { userMessage: "That objective does not exist." });
}

/**
 * Refuses unless members may write to the objective (not retired, in the active cycle). Inside a
 * transaction the cycle row stays share-locked until commit, so the write cannot outlive the cycle.
 */
export async function requireWritableObjective(db: Executor, objectiveId: number): Promise<void> {
  if ((await findActiveObjectiveId(db, objectiveId)) === undefined) await refuseUnwritableObjective(db, objectiveId);
}

/** Refuses (409) when the objective's cycle is archived; for writes that retired objectives still take. */
export async function refuseIfArchived(db: Executor, objectiveId: number): Promise<void> {
  const found = await findObjectiveCycle(db, objectiveId);
  if (found && found.status === "archived") throw new AppError("CONFLICT", { userMessage: archivedCycleMessage(found.name) });
}
