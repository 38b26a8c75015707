import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { toHttpProblem } from "@planpulse/api";
import { getCaller, signInPath } from "@planpulse/remix";

/** The Follow / Unfollow button posts here, then returns to the objective. */
export async function action(args: ActionFunctionArgs) {
  const slug = args.params.slug ?? "";
  const form = await args.request.formData();
  const caller = await getCaller(args);
  try {
    await caller.notification.follow({ slug, follow: form.get("follow") === "true" });
  } catch (error) {
    const problem = toHttpProblem(error);
    if (problem.status === 401) return redirect(signInPath(new Request(new URL(`/objectives/${encodeURIComponent(slug)}`, args.request.url))));
    throw new Response(problem.message, { status: problem.status === 400 ? 404 : problem.status });
  }
  return redirect(`/objectives/${encodeURIComponent(slug)}`);
}

export function loader({ params }: { params: { slug?: string } }) {
  // The slug is whatever the address held: encoded, it stays a path (a raw one could break the header).
  return redirect(`/objectives/${encodeURIComponent(params.slug ?? "")}`);
}
