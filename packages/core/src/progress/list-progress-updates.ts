import type { DB, Kysely, ObjectiveStatus } from "@planpulse/db";
import { listProgressUpdateRows } from "./queries";

export type ProgressUpdateView = {
  id: number;
  body: string;
  status: ObjectiveStatus;
  percentComplete: number;
  postedAt: string;
  authorName: string | null;
};

/** The progress timeline of an objective, newest first (the portal's objective page). */
export async function listProgressUpdates(
  db: Kysely<DB>,
  objective: number | { slug: string },
  options: { limit?: number } = {},
): Promise<ProgressUpdateView[]> {
  const rows = await listProgressUpdateRows(db, objective, options.limit ?? 50);
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    status: r.status as ObjectiveStatus,
    percentComplete: r.percent_complete,
    postedAt: r.created_at.toISOString(),
    authorName: r.author_name ?? null,
  }));
}

/** Same, by the objective's slug; unknown slugs give an empty timeline. */
export async function listProgressUpdatesBySlug(db: Kysely<DB>, slug: string): Promise<ProgressUpdateView[]> {
  return listProgressUpdates(db, { slug });
}
