/**
 * The one CSV writer (audit export, dashboard tables, drill-down comments). RFC 4180 quoting, CRLF
 * line ends, and OWASP's rule against CSV injection: a text cell that starts with = + - @, a tab or
 * a carriage return gets a leading apostrophe, so no spreadsheet runs it as a formula.
 *
 * - Numbers are written as numbers, negative ones included (-3 stays -3): a value typed as a number
 *   is ours, not a member's text, and a bare number never runs as a formula. The text "-3" (from a
 *   member or an audit JSON field) is still prefixed. Non-finite numbers are empty.
 * - Booleans are "yes" / "no"; null and undefined are empty; dates are ISO 8601; any other value
 *   (an audit before/after object) is its JSON text, treated as text.
 */
export type CsvCell = unknown;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  const raw = typeof value === "string" ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
