import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { requireAnonymous, signInAction } from "@planpulse/api";
import { SignInForm } from "@planpulse/ui";
import { RedirectToSchema } from "@planpulse/validators";

export const meta: MetaFunction = () => [{ title: "Sign in · Plan Pulse" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAnonymous(args);
  return null;
}

export function action(args: ActionFunctionArgs) {
  return signInAction(args);
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = RedirectToSchema.parse(params.get("redirectTo") ?? "/");
  return (
    <SignInForm result={result} redirectTo={redirectTo} title="Sign in to Plan Pulse">
      <p>
        New here? <Link to={`/signup?redirectTo=${encodeURIComponent(redirectTo)}`}>Create an account</Link>
      </p>
    </SignInForm>
  );
}
