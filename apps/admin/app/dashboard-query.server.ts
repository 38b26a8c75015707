import { redirect } from "@remix-run/node";
import { getCaller, signInPath, toHttpProblem, type Caller, type PlanPulseLoadContext } from "@planpulse/api";

type Args = { request: Request; context: PlanPulseLoadContext };

/**
 * Like query() from @planpulse/api, except that bad input (an unknown segment, a reversed or absurd
 * filter) answers 400 with what was wrong, instead of a 404: the page exists, the question did not.
 * The role check runs before input validation, so members still get 403.
 */
export async function dashboardQuery<T>(args: Args, run: (caller: Caller) => Promise<T>): Promise<T> {
  const caller = await getCaller(args);
  try {
    return await run(caller);
  } catch (error) {
    const problem = toHttpProblem(error);
    if (problem.status === 401) throw redirect(signInPath(args.request));
    if (problem.status === 400) {
      const details = Object.values(problem.fieldErrors ?? {}).flat();
      throw new Response(details.length ? details.join(" ") : problem.message, { status: 400, statusText: "Bad Request" });
    }
    throw new Response(problem.message, { status: problem.status, statusText: problem.status === 403 ? "Forbidden" : problem.status === 404 ? "Not Found" : "Error" });
  }
}

/** URL search parameters as the procedure's input: absent stays absent, so defaults apply. */
export function searchInput(url: URL, names: readonly string[]): Record<string, string> {
  const input: Record<string, string> = {};
  for (const name of names) {
    const value = url.searchParams.get(name);
    if (value !== null && value !== "") input[name] = value;
  }
  return input;
}
