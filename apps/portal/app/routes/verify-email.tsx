import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { verifyEmailAction, verifyEmailLoader } from "@planpulse/remix";
import { VerifyEmailPanel } from "@planpulse/ui";

export const meta: MetaFunction = () => [{ title: "Confirm your email address · Plan Pulse" }, { name: "referrer", content: "same-origin" }];

export function loader(args: LoaderFunctionArgs) {
  return verifyEmailLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return verifyEmailAction(args);
}

export default function VerifyEmail() {
  const { token, problem, sent, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (sent && !token && !result) {
    return (
      <section className="card auth-card" aria-labelledby="sent-title">
        <h1 id="sent-title">A new link is on its way</h1>
        <p className="notice notice--success" role="status">
          {me ? `We sent a new confirmation link to ${me.email}.` : "We sent a new confirmation link."} It works once, for 24 hours.
        </p>
        <p>
          Wrong address? Change it on <Link to="/me">your account page</Link>.
        </p>
      </section>
    );
  }
  if (!token && result?.formError) {
    return (
      <section className="card auth-card" aria-labelledby="resend-title">
        <h1 id="resend-title">No new link this time</h1>
        <p className="notice notice--error" role="alert">
          {result.formError}
        </p>
        <p>
          <Link to="/">Back to the plan</Link>
        </p>
      </section>
    );
  }
  return <VerifyEmailPanel token={token} problem={result?.done ? undefined : problem} result={result} />;
}
