import { cycleRef, requireCurrentPlan, type CycleRef } from "../plan/get-plan";
import type { DB, Kysely } from "@planpulse/db";
import { listPlanVersions, type PlanVersionView } from "./plan-versions";

export type EditablePlan = {
  id: number;
  title: string;
  mission: string;
  vision: string;
  values: string[];
  version: number;
  domains: Array<{
    id: number;
    slug: string;
    name: string;
    goalStatement: string;
    retired: boolean;
    objectives: Array<{ id: number; slug: string; position: number; text: string; isUrgent: boolean; retired: boolean }>;
  }>;
  versions: PlanVersionView[];
  cycle: CycleRef;
};

/** The whole plan for the admin editor, retired objectives included (last in each domain). */
export async function getPlanForEditing(db: Kysely<DB>): Promise<EditablePlan> {
  const plan = await requireCurrentPlan(db);
  const domains = await db
    .selectFrom("domains")
    .selectAll()
    .where("plan_id", "=", plan.id)
    .orderBy((eb) => eb("retired_at", "is not", null))
    .orderBy("position")
    .orderBy("id")
    .execute();
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
          .orderBy((eb) => eb("retired_at", "is not", null))
          .orderBy("position")
          .orderBy("id")
          .execute();
  return {
    id: plan.id,
    title: plan.title,
    mission: plan.mission,
    vision: plan.vision,
    values: plan.values,
    version: plan.version,
    domains: domains.map((d) => ({
      id: d.id,
      slug: d.slug,
      name: d.name,
      goalStatement: d.goal_statement,
      retired: d.retired_at !== null,
      objectives: objectives
        .filter((o) => o.domain_id === d.id)
        .map((o) => ({ id: o.id, slug: o.slug, position: o.position, text: o.text, isUrgent: o.is_urgent, retired: o.retired_at !== null })),
    })),
    versions: await listPlanVersions(db, plan.id),
    cycle: await cycleRef(db, plan.cycle_id),
  };
}
