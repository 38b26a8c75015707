import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { toHttpProblem } from "@planpulse/api";
import { getCaller } from "@planpulse/remix";
import { ErrorPanel, Field, FormErrorSummary } from "@planpulse/ui";
import { ROLE_WORDS } from "@planpulse/validators/domain";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Accept your invitation", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  const caller = await getCaller(args);
  try {
    return { invitation: await caller.people.invitation({ token: args.params.token ?? "" }), problem: null };
  } catch (error) {
    const problem = toHttpProblem(error);
    // A malformed link is the same as an unknown one.
    const message =
      problem.status === 400 ? "This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation." : problem.message;
    return data({ invitation: null, problem: message }, { status: problem.status === 409 ? 410 : 404 });
  }
}

type ActionResult = { formError: string; fieldErrors: Record<string, string[]> | null; displayName?: string };

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const token = args.params.token ?? "";
  const caller = await getCaller(args);
  try {
    if (form.get("intent") === "existing") {
      await caller.people.acceptInvitationExisting({ token, password: String(form.get("password") ?? "") });
    } else {
      await caller.people.acceptInvitationNew({ token, displayName: String(form.get("displayName") ?? ""), password: String(form.get("password") ?? "") });
    }
  } catch (error) {
    const problem = toHttpProblem(error);
    return data<ActionResult>(
      { formError: problem.message, fieldErrors: problem.fieldErrors, displayName: String(form.get("displayName") ?? "") },
      { status: problem.status },
    );
  }
  return redirect("/");
}

export default function AcceptInvitation() {
  const { invitation, problem } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  if (!invitation) {
    return (
      <ErrorPanel status={410} title="This invitation cannot be used">
        <p>{problem}</p>
        <p>Nothing has been changed. An administrator can send you a new invitation.</p>
      </ErrorPanel>
    );
  }
  return (
    <section className="card auth-card" aria-labelledby="invite-title">
      <h1 id="invite-title">Join the staff workspace</h1>
      <p>
        You are invited as <strong>{ROLE_WORDS[invitation.role]}</strong> with the email <strong>{invitation.email}</strong>.
      </p>
      <FormErrorSummary message={result?.formError} />
      {invitation.hasAccount ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="existing" />
          <p className="field__hint">You already have an account: sign in with its password to accept.</p>
          <Field label="Password" name="password" type="password" autoComplete="current-password" error={result?.fieldErrors?.password?.[0]} />
          <button type="submit" className="button" disabled={busy}>
            Sign in and accept
          </button>
        </Form>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="new" />
          <Field label="Your name" name="displayName" autoComplete="name" defaultValue={result?.displayName} error={result?.fieldErrors?.displayName?.[0]} />
          <Field
            label="Choose a password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
            error={result?.fieldErrors?.password?.[0]}
          />
          <button type="submit" className="button" disabled={busy}>
            Create account and accept
          </button>
        </Form>
      )}
    </section>
  );
}
