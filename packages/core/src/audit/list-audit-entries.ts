import { sql, type DB, type Kysely } from "@planpulse/db";
import type { AuditFilter } from "@planpulse/validators";
import { describeChange, type FieldChange } from "./describe-change";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_CSV_MAX_ROWS = 50_000;

export type AuditRow = {
  id: string;
  createdAt: string;
  actorId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  /** The readable diff of before and after. */
  changes: FieldChange[];
};

function filtered(db: Kysely<DB>, filter: AuditFilter) {
  let q = db.selectFrom("audit_log as a").leftJoin("users as u", "u.id", "a.actor_id");
  if (filter.actorId) q = q.where("a.actor_id", "=", filter.actorId);
  if (filter.action) q = q.where("a.action", "=", filter.action);
  // Dates are whole UTC days: "to" includes the entire day.
  if (filter.from) q = q.where("a.created_at", ">=", new Date(`${filter.from}T00:00:00Z`));
  if (filter.to) q = q.where("a.created_at", "<", sql<Date>`${`${filter.to}T00:00:00Z`}::timestamptz + interval '1 day'`);
  return q;
}

function rows(db: Kysely<DB>, filter: AuditFilter) {
  return filtered(db, filter)
    .select(["a.id", "a.created_at", "a.actor_id", "u.display_name", "u.email", "a.action", "a.target_type", "a.target_id", "a.reason", "a.before", "a.after"])
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc");
}

function toRow(r: {
  id: number;
  created_at: Date;
  actor_id: number | null;
  display_name: string | null;
  email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
}): AuditRow {
  return {
    id: String(r.id),
    createdAt: r.created_at.toISOString(),
    actorId: r.actor_id,
    actorName: r.display_name,
    actorEmail: r.email,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    reason: r.reason,
    before: r.before,
    after: r.after,
    changes: describeChange(r.before, r.after),
  };
}

export type AuditPage = {
  entries: AuditRow[];
  total: number;
  page: number;
  pageCount: number;
  actors: Array<{ id: number; name: string }>;
  actions: string[];
};

/** A page of the audit log, newest first, with the actors and actions to filter by. */
export async function listAuditEntries(db: Kysely<DB>, filter: AuditFilter): Promise<AuditPage> {
  const [count, entries, actors, actions] = await Promise.all([
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
    rows(db, filter)
      .limit(AUDIT_PAGE_SIZE)
      .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
      .execute(),
    db
      .selectFrom("users")
      .select(["id", "display_name"])
      .where("id", "in", db.selectFrom("audit_log").select("actor_id").where("actor_id", "is not", null).$narrowType<{ actor_id: number }>())
      .orderBy("display_name")
      .execute(),
    db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute(),
  ]);
  const total = Number(count.n);
  return {
    entries: entries.map(toRow),
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    actors: actors.map((a) => ({ id: a.id, name: a.display_name })),
    actions: actions.map((a) => a.action),
  };
}

/** Every matching entry (up to AUDIT_CSV_MAX_ROWS), newest first, for the CSV export. */
export async function listAuditEntriesForExport(db: Kysely<DB>, filter: AuditFilter): Promise<AuditRow[]> {
  return (await rows(db, filter).limit(AUDIT_CSV_MAX_ROWS).execute()).map(toRow);
}
