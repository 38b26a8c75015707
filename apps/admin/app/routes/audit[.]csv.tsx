import type { LoaderFunctionArgs } from "@remix-run/node";
import { query } from "@planpulse/remix";
import { parseAuditFilters } from "../audit-filters.server";

/** /audit.csv: the audit log with the page's filters, as RFC 4180 CSV. */
export async function loader(args: LoaderFunctionArgs) {
  const parsed = parseAuditFilters(new URL(args.request.url));
  if (!parsed.ok) {
    await query(args, (caller) => caller.audit.list({ page: 1 })); // the role check comes first
    return new Response(`The filters need another look: ${Object.values(parsed.errors).join(" ")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const csv = await query(args, (caller) => caller.audit.csv(parsed.filter));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="plan-pulse-audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
