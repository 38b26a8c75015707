import type { LoaderFunctionArgs } from "@remix-run/node";
import { query } from "@planpulse/remix";

/** "Download my data": the member's export as a JSON file. */
export async function loader(args: LoaderFunctionArgs) {
  const exported = await query(args, (caller) => caller.account.export());
  const day = exported.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="plan-pulse-my-data-${day}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
