import { Form, useNavigation } from "@remix-run/react";
import { SignInSchema, SignUpSchema } from "@planpulse/validators";
import type { ReactNode } from "react";
import { useValidatedForm } from "./form";
import { Field, FormErrorSummary } from "./form-fields";

export type AuthFormResult = { formError: string; fieldErrors: Record<string, string[]> | null; values: Record<string, string> };

function SubmitButton({ label, busyLabel }: { label: string; busyLabel: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button type="submit" className="button" disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}

/** The single sign-on choice on a sign-in page (when OIDC_ISSUER is set). */
export type SsoChoice = { label: string; href: string; passwordForAdminsOnly: boolean } | null;

export function SignInForm({
  result,
  redirectTo,
  title,
  sso = null,
  showPassword = true,
  children,
}: {
  result?: AuthFormResult;
  redirectTo: string;
  title: string;
  sso?: SsoChoice;
  /** False hides the password form (OIDC_ONLY on the portal: members sign in through the provider). */
  showPassword?: boolean;
  children?: ReactNode;
}) {
  const { form, onSubmit, errorFor } = useValidatedForm(SignInSchema, { serverErrors: result?.fieldErrors });
  return (
    <section className="card auth-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{title}</h1>
      <FormErrorSummary message={result?.formError} />
      {sso ? (
        <p>
          {/* A plain link: the provider's page is a full navigation, and it works without JavaScript. */}
          <a className="button" href={sso.href}>
            {sso.label}
          </a>
        </p>
      ) : null}
      {showPassword ? (
        <>
          {sso ? (
            <h2 className="field__hint">{sso.passwordForAdminsOnly ? "Administrators: sign in with your password" : "Or sign in with your password"}</h2>
          ) : null}
          <Form method="post" noValidate onSubmit={onSubmit}>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Field
              label="Email"
              type="email"
              autoComplete="email"
              required
              defaultValue={result?.values.email}
              error={errorFor("email")}
              {...form.register("email")}
            />
            <Field label="Password" type="password" autoComplete="current-password" required error={errorFor("password")} {...form.register("password")} />
            <SubmitButton label="Sign in" busyLabel="Signing in…" />
          </Form>
        </>
      ) : null}
      {children}
    </section>
  );
}

/** What an SSO sign-in that did not complete shows: what happened, that nobody was signed in, and the way back. */
export function SsoProblemCard({ message, signInHref }: { message: string; signInHref: string }) {
  return (
    <section className="card auth-card" aria-labelledby="sso-problem-title">
      <h1 id="sso-problem-title">Sign-in did not complete</h1>
      <p role="alert">{message}</p>
      <p>
        <a className="button" href={signInHref}>
          Back to sign-in
        </a>
      </p>
    </section>
  );
}

export function SignUpForm({ result, redirectTo, children }: { result?: AuthFormResult; redirectTo: string; children?: ReactNode }) {
  const { form, onSubmit, errorFor } = useValidatedForm(SignUpSchema, { serverErrors: result?.fieldErrors });
  return (
    <section className="card auth-card" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">Join the conversation</h1>
      <p>Create an account to support objectives, set your priorities and comment on the plan.</p>
      <FormErrorSummary message={result?.formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label="Your name"
          autoComplete="name"
          required
          hint="Shown next to your comments."
          defaultValue={result?.values.displayName}
          error={errorFor("displayName")}
          {...form.register("displayName")}
        />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          defaultValue={result?.values.email}
          error={errorFor("email")}
          {...form.register("email")}
        />
        <Field
          label="Handle (optional)"
          autoComplete="off"
          spellCheck={false}
          hint="Others mention you in comments as @handle. Leave it empty and we make one from your name; you can change it later under My account."
          defaultValue={result?.values.handle}
          error={errorFor("handle")}
          {...form.register("handle")}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters. A short sentence is easy to remember."
          error={errorFor("password")}
          {...form.register("password")}
        />
        <SubmitButton label="Create account" busyLabel="Creating your account…" />
      </Form>
      {children}
    </section>
  );
}
