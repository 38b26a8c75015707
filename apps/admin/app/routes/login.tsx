import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { requireAnonymous, signInAction } from "@planpulse/api";
import { SignInForm } from "@planpulse/ui";
import { RedirectToSchema } from "@planpulse/validators";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Sign in", " staff workspace") }];

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
    <SignInForm result={result} redirectTo={redirectTo} title="Sign in to the staff workspace">
      <p className="field__hint">For moderators, staff, leadership and administrators of the association.</p>
    </SignInForm>
  );
}
