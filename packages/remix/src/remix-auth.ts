import { data, redirect } from "@remix-run/node";
import { RedirectToSchema } from "@planpulse/validators";
import { toHttpProblem, type PlanPulseLoadContext } from "@planpulse/api";
import { getCaller } from "./remix";
import { afterSignOutLocation } from "./remix-oidc";

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
    return data<AuthActionData>({ formError: problem.message, fieldErrors: problem.fieldErrors, values: safeValues }, { status: problem.status });
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
  return authAction(
    args,
    ["displayName", "email", "password", "handle"],
    (caller, v) => caller.auth.signUp({ displayName: v.displayName!, email: v.email!, password: v.password!, handle: v.handle ?? "" }),
    withWelcome,
  );
}

export async function signOutAction(args: Args) {
  const caller = await getCaller(args);
  await caller.auth.signOut();
  // The local session is gone first; the provider's own session ends on its end-session page.
  return redirect(await afterSignOutLocation(args));
}

export type AccountActionData = { formError?: string | null; fieldErrors?: Record<string, string[]> | null; done?: boolean; message?: string };

const RESET_SENT =
  "If an account uses that address, a link to choose a new password is on its way. It works once, for 1 hour. Nothing arrived? Check the spelling and your spam folder.";

/** /forgot-password (both apps): the same answer whether or not the address has an account. */
export async function forgotPasswordAction(args: Args) {
  const form = await args.request.formData();
  const caller = await getCaller(args);
  try {
    await caller.auth.requestPasswordReset({ email: String(form.get("email") ?? "") });
  } catch (error) {
    const problem = toHttpProblem(error);
    return data<AccountActionData>({ formError: problem.message, fieldErrors: problem.fieldErrors }, { status: problem.status });
  }
  return data<AccountActionData>({ done: true, message: RESET_SENT });
}

function tokenFrom(request: Request): string {
  return (new URL(request.url).searchParams.get("token") ?? "").slice(0, 200);
}

/** /reset-password?token=…: whether the link can be used; nothing changes until the form is sent. */
export async function resetPasswordLoader(args: Args) {
  const token = tokenFrom(args.request);
  const caller = await getCaller(args);
  const state = token
    ? await caller.auth.resetLink({ token }).catch(() => ({ valid: false, problem: "This link is not valid." }))
    : { valid: false, problem: "This page needs the link from the reset mail." };
  return { token, problem: state.valid ? undefined : state.problem };
}

export async function resetPasswordAction(args: Args) {
  const form = await args.request.formData();
  const caller = await getCaller(args);
  try {
    await caller.auth.resetPassword({ token: String(form.get("token") ?? ""), newPassword: String(form.get("newPassword") ?? "") });
  } catch (error) {
    const problem = toHttpProblem(error);
    return data<AccountActionData>({ formError: problem.message, fieldErrors: problem.fieldErrors }, { status: problem.status });
  }
  return redirect("/login?reset=1");
}

/** /verify-email?token=…: shows a button (a mail scanner fetching the link changes nothing). */
export async function verifyEmailLoader(args: Args) {
  const token = tokenFrom(args.request);
  const sent = new URL(args.request.url).searchParams.get("sent") === "1";
  const caller = await getCaller(args);
  const me = await caller.me.get();
  if (!token) return { token, sent, problem: sent ? undefined : "This page needs the link from the confirmation mail.", me };
  const state = await caller.auth.verificationLink({ token }).catch(() => ({ valid: false, problem: "This link is not valid." }));
  return { token, sent, problem: state.valid ? undefined : state.problem, me };
}

/** Posts from the link's page (intent=verify) and from the banner (intent=resend, signed in). */
export async function verifyEmailAction(args: Args) {
  const form = await args.request.formData();
  const caller = await getCaller(args);
  try {
    if (form.get("intent") === "resend") {
      await caller.auth.resendVerification();
      return redirect("/verify-email?sent=1");
    }
    await caller.auth.verifyEmail({ token: String(form.get("token") ?? "") });
  } catch (error) {
    const problem = toHttpProblem(error);
    return data<AccountActionData>({ formError: problem.message, fieldErrors: problem.fieldErrors }, { status: problem.status });
  }
  return data<AccountActionData>({ done: true });
}
