import { requireCurrentPlan } from "../plan/get-plan";
import type { DB, Kysely, ObjectiveStatus } from "@planpulse/db";
import { listMilestones } from "./queries";
import { manageableDomainIds, type Actor } from "./domain-scope";

export type BoardMilestone = { id: number; title: string; dueDate: string | null; done: boolean };
export type BoardObjective = {
  id: number;
  slug: string;
  position: number;
  text: string;
  isUrgent: boolean;
  status: ObjectiveStatus;
  percentComplete: number;
  updatedAt: string;
  milestones: BoardMilestone[];
};
export type ProgressBoard = {
  scope: "all" | "assigned";
  domains: Array<{ id: number; slug: string; name: string; objectives: BoardObjective[] }>;
};

/** The objectives an actor may report on, grouped by domain, with their milestones. */
export async function getProgressBoard(db: Kysely<DB>, actor: Actor): Promise<ProgressBoard> {
  const plan = await requireCurrentPlan(db);
  const allowed = await manageableDomainIds(db, actor);
  let domainQuery = db.selectFrom("domains").select(["id", "slug", "name"]).where("plan_id", "=", plan.id).where("retired_at", "is", null).orderBy("position");
  if (allowed !== "all") {
    if (allowed.length === 0) return { scope: "assigned", domains: [] };
    domainQuery = domainQuery.where("id", "in", allowed);
  }
  const domains = await domainQuery.execute();
  const objectives =
    domains.length === 0
      ? []
      : await db
          .selectFrom("objectives")
          .selectAll()
          .where(
            "domain_id",
            "in",
            domains.map((d) => d.id),
          )
          .where("retired_at", "is", null)
          .orderBy("position")
          .execute();
  const milestones = await listMilestones(
    db,
    objectives.map((o) => o.id),
  );
  return {
    scope: allowed === "all" ? "all" : "assigned",
    domains: domains.map((domain) => ({
      ...domain,
      objectives: objectives
        .filter((o) => o.domain_id === domain.id)
        .map((o) => ({
          id: o.id,
          slug: o.slug,
          position: o.position,
          text: o.text,
          isUrgent: o.is_urgent,
          status: o.status,
          percentComplete: o.percent_complete,
          updatedAt: o.updated_at.toISOString(),
          milestones: milestones.filter((m) => m.objective_id === o.id).map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, done: m.done })),
        })),
    })),
  };
}
