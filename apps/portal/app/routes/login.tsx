import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAnonymous, signInAction, ssoSignInOptions } from "@planpulse/api";
import { SignInForm, useOrganisation } from "@planpulse/ui";
import { RedirectToSchema } from "@planpulse/validators";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Sign in") }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAnonymous(args);
  const redirectTo = RedirectToSchema.parse(new URL(args.request.url).searchParams.get("redirectTo") ?? "/");
  return { sso: ssoSignInOptions(args, redirectTo) };
}

export function action(args: ActionFunctionArgs) {
  return signInAction(args);
}

export default function Login() {
  const result = useActionData<typeof action>();
  const { sso } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const redirectTo = RedirectToSchema.parse(params.get("redirectTo") ?? "/");
  return (
    <SignInForm result={result} redirectTo={redirectTo} title={`Sign in to ${useOrganisation().portalTitle}`} sso={sso} showPassword={!sso?.passwordForAdminsOnly}>
      {sso?.passwordForAdminsOnly ? null : (
        <p>
          New here? <Link to={`/signup?redirectTo=${encodeURIComponent(redirectTo)}`}>Create an account</Link>
        </p>
      )}
    </SignInForm>
  );
}
