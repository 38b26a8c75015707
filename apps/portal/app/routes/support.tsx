import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { toHttpProblem } from "@planpulse/api";
import { getCaller } from "@planpulse/remix";
import { RedirectToSchema } from "@planpulse/validators";

/** GET /support has nothing to show. */
export function loader() {
  return redirect("/");
}

/** The no-JavaScript Support button: toggle, then back to where the member was. */
export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const redirectTo = RedirectToSchema.parse(String(form.get("redirectTo") ?? "/"));
  const supportedField = String(form.get("supported") ?? "");
  const caller = await getCaller(args);
  try {
    await caller.vote.toggle({
      objectiveId: Number(form.get("objectiveId")),
      supported: supportedField === "true" ? true : supportedField === "false" ? false : undefined,
    });
  } catch (error) {
    const problem = toHttpProblem(error);
    if (problem.status === 401) return redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
    throw new Response(problem.message, { status: problem.status === 400 ? 404 : problem.status });
  }
  return redirect(redirectTo);
}
