import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardQuery, searchInput } from "../dashboard-query.server";

/** /dashboard/objectives/<slug>/comments.csv: the drill-down's comments with the same filters. */
export async function loader(args: LoaderFunctionArgs) {
  const input = { ...searchInput(new URL(args.request.url), ["segment", "segmentValue", "stance", "tone"]), slug: args.params.slug ?? "" };
  const { filename, csv } = await dashboardQuery(args, (caller) => caller.insight.exportComments(input as never));
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
}
