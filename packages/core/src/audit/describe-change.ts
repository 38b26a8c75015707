export type FieldChange = { field: string; before: string; after: string };

function show(value: unknown): string {
  if (value === undefined) return "—";
  if (value === null) return "(empty)";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * A readable diff of an audit entry's before and after: one line per top-level field whose value
 * differs (or appears on one side only).
 */
export function describeChange(before: unknown, after: unknown): FieldChange[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(before) && !isObject(after)) {
    if (before == null && after == null) return [];
    return [{ field: "value", before: show(before ?? undefined), after: show(after ?? undefined) }];
  }
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f])).map((field) => ({ field, before: show(b[field]), after: show(a[field]) }));
}
