import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { requireAnonymous, signUpAction, ssoSignInOptions } from "@planpulse/remix";
import { SignUpForm } from "@planpulse/ui";
import { RedirectToSchema } from "@planpulse/validators";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Create an account") }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAnonymous(args);
  // OIDC_ONLY: accounts come from the organisation's sign-in, not from this form.
  if (ssoSignInOptions(args, "/")?.passwordForAdminsOnly) throw redirect("/login");
  return null;
}

export function action(args: ActionFunctionArgs) {
  return signUpAction(args);
}

export default function SignUp() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = RedirectToSchema.parse(params.get("redirectTo") ?? "/");
  return (
    <SignUpForm result={result} redirectTo={redirectTo}>
      <p>
        Already a member? <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`}>Sign in</Link>
      </p>
    </SignUpForm>
  );
}
