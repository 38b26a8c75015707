import { AuditFilterSchema, type z } from "@planpulse/validators";

export type AuditFilterParse =
  | { ok: true; filter: z.output<typeof AuditFilterSchema>; raw: Record<string, string> }
  | { ok: false; errors: Record<string, string>; raw: Record<string, string> };

/** The audit filters from a URL; a bad or reversed date range is reported instead of queried. */
export function parseAuditFilters(url: URL): AuditFilterParse {
  const raw = Object.fromEntries(["actorId", "action", "from", "to", "page"].map((k) => [k, url.searchParams.get(k) ?? ""]));
  const parsed = AuditFilterSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filter: parsed.data, raw };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, errors, raw };
}
