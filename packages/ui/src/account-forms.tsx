import { Form, Link, useNavigation } from "@remix-run/react";
import { ForgotPasswordSchema, ResetPasswordSchema } from "@planpulse/validators";
import { useValidatedForm } from "./form";
import { Field, FormErrorSummary } from "./form-fields";

export type AccountFormResult = { formError?: string | null; fieldErrors?: Record<string, string[]> | null; done?: boolean; message?: string };

function Submit({ label, busyLabel }: { label: string; busyLabel: string }) {
  const busy = useNavigation().state === "submitting";
  return (
    <button type="submit" className="button" disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}

/** Forgot password: the same confirmation whether or not an account has the address. */
export function ForgotPasswordForm({ result }: { result?: AccountFormResult | undefined }) {
  const { form, onSubmit, errorFor } = useValidatedForm(ForgotPasswordSchema, { serverErrors: result?.fieldErrors });
  return (
    <section className="card auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      {result?.done ? (
        <div className="notice notice--success" role="status">
          {result.message}
        </div>
      ) : (
        <>
          <p>Enter the email address of your account. We will send a link to choose a new password; it works once, for 1 hour.</p>
          <FormErrorSummary message={result?.formError} />
          <Form method="post" noValidate onSubmit={onSubmit}>
            <Field label="Email" type="email" autoComplete="email" required error={errorFor("email")} {...form.register("email")} />
            <Submit label="Send the link" busyLabel="Sending…" />
          </Form>
        </>
      )}
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </section>
  );
}

/** The reset link's page: a new password, or why the link cannot be used. */
export function ResetPasswordForm({ token, problem, result }: { token: string; problem?: string | undefined; result?: AccountFormResult | undefined }) {
  const { form, onSubmit, errorFor } = useValidatedForm(ResetPasswordSchema, { serverErrors: result?.fieldErrors });
  if (problem) {
    return (
      <section className="card auth-card" aria-labelledby="reset-title">
        <h1 id="reset-title">This reset link cannot be used</h1>
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link> · <Link to="/login">Sign in</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <p>When you save it, every device signed in to your account is signed out, and we tell you by mail.</p>
      <FormErrorSummary message={result?.formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" defaultValue={token} {...form.register("token")} />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters. A short sentence is easy to remember."
          error={errorFor("newPassword")}
          {...form.register("newPassword")}
        />
        <Submit label="Save the new password" busyLabel="Saving…" />
      </Form>
    </section>
  );
}

/** The verification link's page: one button confirms (a mail scanner fetching the link confirms nothing). */
export function VerifyEmailPanel({ token, problem, result }: { token: string; problem?: string | undefined; result?: AccountFormResult | undefined }) {
  if (result?.done) {
    return (
      <section className="card auth-card" aria-labelledby="verify-title">
        <h1 id="verify-title">Your email address is confirmed</h1>
        <p className="notice notice--success" role="status">
          Thank you. You can now support objectives, spend priority points, take a stance and comment.
        </p>
        <p>
          <Link to="/">Go to the plan</Link>
        </p>
      </section>
    );
  }
  const shown = problem ?? result?.formError;
  return (
    <section className="card auth-card" aria-labelledby="verify-title">
      <h1 id="verify-title">{shown ? "This confirmation link cannot be used" : "Confirm your email address"}</h1>
      {shown ? (
        <>
          <p className="notice notice--error" role="alert">
            {shown}
          </p>
          <p>
            Signed in? The banner at the top of every page and <Link to="/me">your account page</Link> can send a new link.
          </p>
        </>
      ) : (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="intent" value="verify" />
          <p>One click confirms that this address reaches you.</p>
          <Submit label="Confirm my email address" busyLabel="Confirming…" />
        </Form>
      )}
    </section>
  );
}
