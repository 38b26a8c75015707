import { sql, type DB, type Kysely, type ObjectiveStatus } from "@planpulse/db";

export type WorkspaceOverview = {
  members: number;
  membersLast30Days: number;
  objectives: number;
  urgentObjectives: number;
  byStatus: Record<ObjectiveStatus, number>;
  recentAudit: Array<{ id: string; action: string; targetType: string; targetId: string | null; createdAt: string; actor: string | null }>;
};

/** The first screen of the staff workspace: the size of the conversation and what changed lately. */
export async function getWorkspaceOverview(db: Kysely<DB>): Promise<WorkspaceOverview> {
  const [members, objectives, statusRows, recent] = await Promise.all([
    // Exact, without counting every member row: a trigger-kept count and a partial index (migration 0010).
    sql<{ total: number; recent: number }>`
      select coalesce((select users from user_role_counts where role = 'member'), 0)::int as total,
        (select count(*) from users where role = 'member' and created_at > now() - interval '30 days')::int as recent`
      .execute(db)
      .then((result) => result.rows[0]!),
    db
      .selectFrom("objectives")
      .select([(eb) => eb.fn.countAll<number>().as("total"), sql<number>`count(*) filter (where is_urgent)`.as("urgent")])
      .where("retired_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("objectives")
      .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
      .where("retired_at", "is", null)
      .groupBy("status")
      .execute(),
    db
      .selectFrom("audit_log")
      .leftJoin("users", "users.id", "audit_log.actor_id")
      .select(["audit_log.id", "audit_log.action", "audit_log.target_type", "audit_log.target_id", "audit_log.created_at", "users.display_name"])
      .orderBy("audit_log.id", "desc")
      .limit(10)
      .execute(),
  ]);
  const byStatus: Record<ObjectiveStatus, number> = { not_started: 0, on_track: 0, at_risk: 0, off_track: 0, completed: 0 };
  for (const row of statusRows) byStatus[row.status] = Number(row.count);
  return {
    members: Number(members.total),
    membersLast30Days: Number(members.recent),
    objectives: Number(objectives.total),
    urgentObjectives: Number(objectives.urgent),
    byStatus,
    recentAudit: recent.map((r) => ({
      id: String(r.id),
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      createdAt: r.created_at.toISOString(),
      actor: r.display_name,
    })),
  };
}
