import { data, type ActionFunctionArgs } from "@remix-run/node";
import { toHttpProblem, type Caller } from "@planpulse/api";
import { getCaller } from "@planpulse/remix";

export type FormResult = {
  intent: string;
  /** Which item of a list the result belongs to (a row id), so errors render next to it. */
  target?: string;
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string[]> | null;
};

/**
 * Runs one form post through the API caller: a success message, or the problem with its field
 * errors and the right status. Never throws for bad input, so no form post can become a 500.
 */
export async function runFormAction(
  args: ActionFunctionArgs,
  form: FormData,
  run: (caller: Caller) => Promise<string>,
): Promise<ReturnType<typeof data<FormResult>>> {
  const intent = String(form.get("intent") ?? "");
  const target = form.get("target") ? String(form.get("target")) : undefined;
  const caller = await getCaller(args);
  try {
    const message = await run(caller);
    return data<FormResult>({ intent, target, ok: true, message, fieldErrors: null });
  } catch (error) {
    const problem = toHttpProblem(error);
    return data<FormResult>({ intent, target, ok: false, message: problem.message, fieldErrors: problem.fieldErrors }, { status: problem.status });
  }
}

export function badIntent(intent: string) {
  return data<FormResult>(
    { intent, ok: false, message: "This form cannot be handled here. Reload the page and try again.", fieldErrors: null },
    { status: 400 },
  );
}
