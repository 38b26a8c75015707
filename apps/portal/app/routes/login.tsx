import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAnonymous, signInAction, ssoSignInOptions } from "@planpulse/remix";
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
  const reset = params.get("reset") === "1";
  return (
    <SignInForm
      result={result}
      redirectTo={redirectTo}
      title={`Sign in to ${useOrganisation().portalTitle}`}
      sso={sso}
      showPassword={!sso?.passwordForAdminsOnly}
    >
      {reset ? (
        <p className="notice notice--success" role="status">
          Your password was changed and every device was signed out. Sign in with the new password.
        </p>
      ) : null}
      {sso?.passwordForAdminsOnly ? null : (
        <>
          <p>
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
          <p>
            New here? <Link to={`/signup?redirectTo=${encodeURIComponent(redirectTo)}`}>Create an account</Link>
          </p>
        </>
      )}
    </SignInForm>
  );
}
