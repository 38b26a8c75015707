import type { DB, Kysely, ObjectiveStatus } from "@planpulse/db";
import { findObjectiveBySlug } from "../plan/queries";
import { listMilestones } from "./queries";
import { AppError } from "../errors";
import { assertCanManageDomain, type Actor } from "./domain-scope";
import { listProgressUpdates, type ProgressUpdateView } from "./list-progress-updates";

export type ObjectiveProgress = {
  id: number;
  slug: string;
  text: string;
  domainName: string;
  status: ObjectiveStatus;
  percentComplete: number;
  milestones: Array<{ id: number; title: string; dueDate: string | null; done: boolean }>;
  updates: ProgressUpdateView[];
  history: Array<{ at: string; actor: string | null; before: unknown; after: unknown }>;
};

/** One objective's progress page in the workspace: milestones, updates and the change history. */
export async function getObjectiveProgress(db: Kysely<DB>, actor: Actor, slug: string): Promise<ObjectiveProgress> {
  const objective = await findObjectiveBySlug(db, slug);
  if (!objective || objective.retired_at) throw new AppError("NOT_FOUND", { userMessage: `There is no objective called “${slug}”.` });
  await assertCanManageDomain(db, actor, objective.domain_id);
  const [domain, milestones, updates, history] = await Promise.all([
    db.selectFrom("domains").select("name").where("id", "=", objective.domain_id).executeTakeFirstOrThrow(),
    listMilestones(db, [objective.id]),
    listProgressUpdates(db, objective.id),
    db
      .selectFrom("objective_progress_history as h")
      .leftJoin("users", "users.id", "h.actor_id")
      .select(["h.created_at", "h.before", "h.after", "users.display_name"])
      .where("h.objective_id", "=", objective.id)
      .orderBy("h.created_at", "desc")
      .orderBy("h.id", "desc")
      .limit(50)
      .execute(),
  ]);
  return {
    id: objective.id,
    slug: objective.slug,
    text: objective.text,
    domainName: domain.name,
    status: objective.status,
    percentComplete: objective.percent_complete,
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, done: m.done })),
    updates,
    history: history.map((h) => ({ at: h.created_at.toISOString(), actor: h.display_name ?? null, before: h.before, after: h.after })),
  };
}
