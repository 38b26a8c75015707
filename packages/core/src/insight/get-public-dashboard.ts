import { requireCurrentPlan } from "../plan/get-plan";
import { sql, type DB, type Kysely, type ObjectiveStatus } from "@planpulse/db";

export type PublicObjective = {
  slug: string;
  position: number;
  text: string;
  isUrgent: boolean;
  status: ObjectiveStatus;
  percentComplete: number;
  lastUpdateAt: string | null;
  participants: number;
  supportVotes: number;
  /** Member comments anyone can read, not counting staff replies (the plan page's count). */
  comments: number;
};

export type PublicDashboard = {
  planTitle: string;
  refreshedAt: string | null;
  totals: { participants: number; comments: number; supportVotes: number; objectives: number; urgent: number; completed: number };
  domains: Array<{ slug: string; name: string; goalStatement: string; percentComplete: number; participants: number; objectives: PublicObjective[] }>;
};

/** The public Strategic Plan Dashboard: progress and engagement counts, nothing about any one member. */
export async function getPublicDashboard(db: Kysely<DB>): Promise<PublicDashboard> {
  const plan = await requireCurrentPlan(db);
  const [rows, domains, headline] = await Promise.all([
    db
      .selectFrom("objectives as o")
      .innerJoin("domains as d", "d.id", "o.domain_id")
      .leftJoin("insight_objective_rollups as r", "r.objective_id", "o.id")
      .select([
        "o.slug",
        "o.position",
        "o.text",
        "o.is_urgent",
        "o.status",
        "o.percent_complete",
        "o.domain_id",
        sql<number>`coalesce(r.participants, 0)`.as("participants"),
        sql<number>`coalesce(r.support_votes, 0)`.as("support_votes"),
        // The same counter as the plan and objective pages: one definition of a member comment.
        sql<number>`coalesce((select oc.visible_comments from objective_counters oc where oc.objective_id = o.id), 0)`.as("comments"),
        sql<string | null>`(select max(p.created_at) from progress_updates p where p.objective_id = o.id)::text`.as("last_update"),
      ])
      .where("d.plan_id", "=", plan.id)
      .where("d.retired_at", "is", null)
      .where("o.retired_at", "is", null)
      .orderBy("d.position")
      .orderBy("o.position")
      .execute(),
    db
      .selectFrom("domains as d")
      .leftJoin("insight_domain_rollups as r", "r.domain_id", "d.id")
      .select(["d.id", "d.slug", "d.name", "d.goal_statement", sql<number>`coalesce(r.participants, 0)`.as("participants")])
      .where("d.plan_id", "=", plan.id)
      .where("d.retired_at", "is", null)
      .orderBy("d.position")
      .execute(),
    db.selectFrom("insight_headline").select(["participants_all", "support_votes", "refreshed_at"]).where("id", "=", 1).executeTakeFirst(),
  ]);
  return {
    planTitle: plan.title,
    refreshedAt: headline?.refreshed_at?.toISOString() ?? null,
    totals: {
      participants: Number(headline?.participants_all ?? 0),
      comments: rows.reduce((sum, r) => sum + Number(r.comments), 0),
      supportVotes: Number(headline?.support_votes ?? 0),
      objectives: rows.length,
      urgent: rows.filter((r) => r.is_urgent).length,
      completed: rows.filter((r) => r.status === "completed").length,
    },
    domains: domains.map((d) => {
      const objectives = rows
        .filter((r) => r.domain_id === d.id)
        .map((r) => ({
          slug: r.slug,
          position: r.position,
          text: r.text,
          isUrgent: r.is_urgent,
          status: r.status,
          percentComplete: r.percent_complete,
          lastUpdateAt: r.last_update ? new Date(r.last_update).toISOString() : null,
          participants: Number(r.participants),
          supportVotes: Number(r.support_votes),
          comments: Number(r.comments),
        }));
      return {
        slug: d.slug,
        name: d.name,
        goalStatement: d.goal_statement,
        percentComplete: objectives.reduce((sum, o) => sum + o.percentComplete, 0) / Math.max(1, objectives.length),
        participants: Number(d.participants),
        objectives,
      };
    }),
  };
}
