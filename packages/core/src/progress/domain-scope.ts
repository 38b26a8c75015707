import type { DB, Kysely, Role, Transaction } from "@planpulse/db";
import { listAssignedDomainIds } from "../people/domain-assignments";
import { refuseIfArchived } from "../cycles/writable";
import { AppError } from "../errors";

type Executor = Kysely<DB> | Transaction<DB>;

/** Who is acting: enough of the signed-in user for permission checks and audit rows. */
export type Actor = { id: number; role: Role };

/** The domains an actor may report progress on: all for an admin, the assigned ones for staff. */
export async function manageableDomainIds(db: Executor, actor: Actor): Promise<number[] | "all"> {
  if (actor.role === "admin") return "all";
  if (actor.role === "staff") return listAssignedDomainIds(db, actor.id);
  return [];
}

export async function assertCanManageDomain(db: Executor, actor: Actor, domainId: number): Promise<void> {
  const allowed = await manageableDomainIds(db, actor);
  if (allowed !== "all" && !allowed.includes(domainId)) {
    throw new AppError("FORBIDDEN", {
      userMessage: "This objective is in a domain you are not assigned to. Ask an administrator to assign you.",
    });
  }
}

/** An objective by id with its domain, or NOT_FOUND; retired objectives count as not found. */
export async function findActiveObjective(db: Executor, objectiveId: number) {
  const objective = await db.selectFrom("objectives").selectAll().where("id", "=", objectiveId).where("retired_at", "is", null).executeTakeFirst();
  if (!objective) throw new AppError("NOT_FOUND", { userMessage: "There is no such objective (it may have been retired)." });
  await refuseIfArchived(db, objective.id);
  return objective;
}
