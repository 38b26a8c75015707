import type { DB, Kysely, ObjectiveStatus, Transaction } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import type { BulkProgressInput } from "@planpulse/validators";
import { refuseIfArchived } from "../cycles/writable";
import { AppError } from "../errors";
import { manageableDomainIds, type Actor } from "./domain-scope";

export type BulkProgressResult = { changed: Array<{ objectiveId: number; slug: string }>; unchanged: number };

/**
 * Saves the progress board in one transaction: every row is checked first (known, active, in the
 * actor's domains), then only rows whose status or percent differ are written, each with a
 * history row and an audit entry. Any problem throws before anything is written.
 */
export async function bulkUpdateProgress(db: Kysely<DB>, actor: Actor, input: BulkProgressInput): Promise<BulkProgressResult> {
  const ids = input.rows.map((r) => r.objectiveId);
  if (new Set(ids).size !== ids.length) {
    throw new AppError("BAD_REQUEST", { userMessage: "An objective is listed twice in the form. Reload the page and try again." });
  }
  return db.transaction().execute((trx) => applyProgressRows(trx, actor, input.rows));
}

/**
 * The board's write, inside the caller's transaction (the board and the one-objective update form
 * share it): checks every row, then writes the changed ones with history and audit.
 */
export async function applyProgressRows(trx: Transaction<DB>, actor: Actor, rows: BulkProgressInput["rows"]): Promise<BulkProgressResult> {
  const ids = rows.map((r) => r.objectiveId);
  const input = { rows };
  {
    const objectives = await trx.selectFrom("objectives").selectAll().where("id", "in", ids).where("retired_at", "is", null).forUpdate().execute();
    const byId = new Map(objectives.map((o) => [o.id, o]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new AppError("NOT_FOUND", {
        userMessage: `${missing.length === 1 ? "One objective in the form no longer exists" : `${missing.length} objectives in the form no longer exist`}. Reload the page; nothing was saved.`,
        fieldErrors: Object.fromEntries(missing.map((id) => [`status-${id}`, ["This objective no longer exists"]])),
      });
    }
    for (const objective of objectives) await refuseIfArchived(trx, objective.id);
    const allowed = await manageableDomainIds(trx, actor);
    if (allowed !== "all") {
      const outside = objectives.filter((o) => !allowed.includes(o.domain_id));
      if (outside.length > 0) {
        throw new AppError("FORBIDDEN", {
          userMessage: "Some objectives are in domains you are not assigned to; nothing was saved.",
          fieldErrors: Object.fromEntries(outside.map((o) => [`status-${o.id}`, ["You are not assigned to this objective's domain"]])),
        });
      }
    }

    const changed: BulkProgressResult["changed"] = [];
    const now = new Date();
    for (const row of input.rows) {
      const current = byId.get(row.objectiveId)!;
      if (current.status === row.status && current.percent_complete === row.percentComplete) continue;
      const before = { status: current.status, percentComplete: current.percent_complete };
      const after = { status: row.status as ObjectiveStatus, percentComplete: row.percentComplete };
      await trx
        .updateTable("objectives")
        .set({ status: after.status, percent_complete: after.percentComplete, updated_at: now })
        .where("id", "=", current.id)
        .execute();
      await trx
        .insertInto("objective_progress_history")
        .values({ objective_id: current.id, actor_id: actor.id, before: JSON.stringify(before), after: JSON.stringify(after) })
        .execute();
      await appendAudit(trx, { actorId: actor.id, action: "progress.update", targetType: "objective", targetId: current.slug, before, after });
      changed.push({ objectiveId: current.id, slug: current.slug });
    }
    return { changed, unchanged: input.rows.length - changed.length };
  }
}
