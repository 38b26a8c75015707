import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardQuery, searchInput } from "../dashboard-query.server";

function csvResponse({ filename, csv }: { filename: string; csv: string }): Response {
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
}

/** /dashboard/export/<table>.csv: every dashboard table as CSV, formulas neutralised. */
export async function loader(args: LoaderFunctionArgs) {
  const table = (args.params.table ?? "").replace(/\.csv$/, "");
  const input = { ...searchInput(new URL(args.request.url), ["segment"]), table };
  return csvResponse(await dashboardQuery(args, (caller) => caller.insight.exportCsv(input as never)));
}
