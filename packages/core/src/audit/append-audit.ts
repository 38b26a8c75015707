import type { AuditEntry, DB, Kysely, Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

export type AuditRecord = {
  actorId: number | null;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
};

/** The only writer of audit_log; rows are never updated or deleted (a trigger enforces it). */
export async function appendAudit(db: Executor, record: AuditRecord): Promise<AuditEntry> {
  return db
    .insertInto("audit_log")
    .values({
      actor_id: record.actorId,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId == null ? null : String(record.targetId),
      reason: record.reason ?? null,
      before: record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === undefined ? null : JSON.stringify(record.after),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
