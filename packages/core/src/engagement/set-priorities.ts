import type { DB, Kysely, Transaction } from "@planpulse/db";
import { listCurrentCycleAllocationsByUser, setPriorityAllocation } from "./priorities";
import { lockUserRow } from "@planpulse/auth";
import { overBudgetMessage, PRIORITY_POINTS_BUDGET, type SavePrioritiesInput, type SetPriorityPointsInput } from "@planpulse/validators";
import { requireWritableObjective } from "../cycles/writable";
import { AppError } from "../errors";

export type MyPriorities = { budget: number; spent: number; left: number; points: Record<number, number> };

export async function getMyPriorities(db: Kysely<DB> | Transaction<DB>, userId: number): Promise<MyPriorities> {
  const rows = await listCurrentCycleAllocationsByUser(db, userId);
  const points: Record<number, number> = {};
  for (const row of rows) points[row.objective_id] = row.points;
  const spent = rows.reduce((sum, row) => sum + row.points, 0);
  return { budget: PRIORITY_POINTS_BUDGET, spent, left: PRIORITY_POINTS_BUDGET - spent, points };
}

async function requireActiveObjectives(trx: Transaction<DB>, objectiveIds: number[]): Promise<void> {
  for (const id of new Set(objectiveIds)) await requireWritableObjective(trx, id);
}

function overBudget(spent: number, field: string): AppError {
  const message = overBudgetMessage(spent);
  return new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { [field]: [message] } });
}

/**
 * Sets the points on one objective. The member's user row is locked first, so parallel edits by one
 * member run one after another and each sees the total the previous one left.
 */
export async function setPriorityPoints(db: Kysely<DB>, userId: number, input: SetPriorityPointsInput): Promise<MyPriorities> {
  return db.transaction().execute(async (trx) => {
    await requireWritableObjective(trx, input.objectiveId);
    if (!(await lockUserRow(trx, userId))) throw new AppError("UNAUTHORIZED", { userMessage: "Sign in to continue." });
    const current = await getMyPriorities(trx, userId);
    const spent = current.spent - (current.points[input.objectiveId] ?? 0) + input.points;
    if (spent > PRIORITY_POINTS_BUDGET) throw overBudget(spent, "points");
    await setPriorityAllocation(trx, userId, input.objectiveId, input.points);
    return getMyPriorities(trx, userId);
  });
}

/** Replaces the member's whole allocation (the /priorities form); objectives left out go to 0. */
export async function savePriorities(db: Kysely<DB>, userId: number, input: SavePrioritiesInput): Promise<MyPriorities> {
  const spent = input.allocations.reduce((sum, a) => sum + a.points, 0);
  if (spent > PRIORITY_POINTS_BUDGET) throw overBudget(spent, "total");
  return db.transaction().execute(async (trx) => {
    await requireActiveObjectives(
      trx,
      input.allocations.map((a) => a.objectiveId),
    );
    if (!(await lockUserRow(trx, userId))) throw new AppError("UNAUTHORIZED", { userMessage: "Sign in to continue." });
    const current = await getMyPriorities(trx, userId);
    const wanted = new Map(input.allocations.map((a) => [a.objectiveId, a.points]));
    for (const objectiveId of Object.keys(current.points).map(Number)) {
      if (!wanted.has(objectiveId)) wanted.set(objectiveId, 0);
    }
    for (const [objectiveId, points] of wanted) {
      if ((current.points[objectiveId] ?? 0) !== points) await setPriorityAllocation(trx, userId, objectiveId, points);
    }
    return getMyPriorities(trx, userId);
  });
}
