import { data, redirect } from "@remix-run/node";
import { RedirectToSchema } from "@planpulse/validators";
import type { PlanPulseLoadContext } from "./remix";
import { getCaller } from "./remix";
import { toHttpProblem } from "./server";

type Args = { request: Request; context: PlanPulseLoadContext };

export type AuthActionData = { formError: string; fieldErrors: Record<string, string[]> | null; values: Record<string, string> };

function formValues(form: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? "")]));
}

async function authAction(
  args: Args,
  names: string[],
  run: (caller: Awaited<ReturnType<typeof getCaller>>, values: Record<string, string>) => Promise<unknown>,
  destination: (redirectTo: string) => string = (redirectTo) => redirectTo,
) {
  const form = await args.request.formData();
  const values = formValues(form, names);
  const redirectTo = RedirectToSchema.parse(String(form.get("redirectTo") ?? "/"));
  const caller = await getCaller(args);
  try {
    await run(caller, values);
  } catch (error) {
    const problem = toHttpProblem(error);
    // Never echo a password back into the page.
    const { password: _password, ...safeValues } = values;
    return data<AuthActionData>(
      { formError: problem.message, fieldErrors: problem.fieldErrors, values: safeValues },
      { status: problem.status },
    );
  }
  return redirect(destination(redirectTo));
}

/** "/objectives/a#x" → "/objectives/a?welcome=1#x": the page a new member lands on greets them once. */
export function withWelcome(path: string): string {
  const [beforeHash, hash] = path.split("#", 2) as [string, string | undefined];
  return `${beforeHash}${beforeHash.includes("?") ? "&" : "?"}welcome=1${hash === undefined ? "" : `#${hash}`}`;
}

/** Sign-in form post (works without JavaScript): redirect on success, field errors otherwise. */
export function signInAction(args: Args) {
  return authAction(args, ["email", "password"], (caller, v) => caller.auth.signIn({ email: v.email!, password: v.password! }));
}

export function signUpAction(args: Args) {
  return authAction(args, ["displayName", "email", "password"], (caller, v) =>
    caller.auth.signUp({ displayName: v.displayName!, email: v.email!, password: v.password! }),
    withWelcome,
  );
}

export async function signOutAction(args: Args) {
  const caller = await getCaller(args);
  await caller.auth.signOut();
  return redirect("/");
}
