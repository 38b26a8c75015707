import { type Caller, type PlanPulseLoadContext } from "@planpulse/api";
import { query } from "@planpulse/remix";

type Args = { request: Request; context: PlanPulseLoadContext };

/**
 * query() with bad input (an unknown segment, a reversed or absurd filter) answered as 400 with what
 * was wrong: the page exists, the question did not. The role check runs before input validation,
 * so members still get 403.
 */
export function dashboardQuery<T>(args: Args, run: (caller: Caller) => Promise<T>): Promise<T> {
  return query(args, run, { badInput: "explain" });
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
