import { sql, type DB, type Kysely } from "@planpulse/db";
import type { ObjectiveStatus } from "@planpulse/validators/domain";
import { AppError } from "../errors";
import { getPlanFigures, type ObjectiveFigures } from "../engagement/get-plan-figures";

/**
 * What an open objective page refreshes without a reload: public figures only (the same definitions
 * as the page: support count, stance shares, member comments), never anything of the viewer's own.
 */
export type LiveObjectiveSnapshot = {
  objectiveId: number;
  slug: string;
  status: ObjectiveStatus;
  percentComplete: number;
  figures: ObjectiveFigures | null;
  priorityMembers: number;
  officialResponses: number;
  progressUpdates: number;
};

/** The live figures of one objective (by id or slug); NOT_FOUND when there is none. */
export async function getLiveObjectiveSnapshot(db: Kysely<DB>, objective: { id: number } | { slug: string }): Promise<LiveObjectiveSnapshot> {
  const where = "id" in objective ? sql`o.id = ${objective.id}` : sql`o.slug = ${objective.slug}`;
  const result = await sql<{
    id: number;
    slug: string;
    status: ObjectiveStatus;
    percent_complete: number;
    official_responses: number;
    progress_updates: number;
  }>`
    select o.id, o.slug, o.status, o.percent_complete,
      (select count(*)::int from comments c
        where c.objective_id = o.id and c.kind = 'official_response' and c.status = 'visible' and c.deleted_at is null) as official_responses,
      (select count(*)::int from progress_updates p where p.objective_id = o.id) as progress_updates
    from objectives o where ${where}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "That objective does not exist." });
  const figures = await getPlanFigures(db, null);
  return {
    objectiveId: row.id,
    slug: row.slug,
    status: row.status,
    percentComplete: Number(row.percent_complete),
    figures: figures.objectives[row.id] ?? null,
    priorityMembers: figures.totals.priorityMembers,
    officialResponses: row.official_responses,
    progressUpdates: row.progress_updates,
  };
}
