import type { DB, Kysely } from "@planpulse/db";
import type { AuditFilter } from "@planpulse/validators";
import { listAuditEntriesForExport, type AuditRow } from "./list-audit-entries";

/**
 * One CSV cell: spreadsheet formulas are neutralised (a cell starting with = + - @, tab or CR gets a
 * leading apostrophe) and RFC 4180 quoting applies to commas, quotes and line breaks.
 */
export function csvCell(value: unknown): string {
  let text = value == null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

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
