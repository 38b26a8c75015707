import type { DB, Kysely } from "@planpulse/db";
import type { AuditFilter } from "@planpulse/validators";
import { toCsv } from "../csv";
import { listAuditEntriesForExport, type AuditRow } from "./list-audit-entries";

export const AUDIT_CSV_HEADER = ["id", "when_utc", "actor_id", "actor", "action", "target_type", "target_id", "reason", "before", "after"];

export function auditRowsToCsv(rows: AuditRow[]): string {
  return toCsv(
    AUDIT_CSV_HEADER,
    rows.map((r) => [r.id, r.createdAt, r.actorId, r.actorName, r.action, r.targetType, r.targetId, r.reason, r.before, r.after]),
  );
}

export async function exportAuditCsv(db: Kysely<DB>, filter: AuditFilter): Promise<string> {
  return auditRowsToCsv(await listAuditEntriesForExport(db, filter));
}
