import { Form } from "@remix-run/react";

// Apart from the account forms: the root layout shows it on every page, and the forms' module would
// bring react-hook-form (14 KB gzip) into every page's first download with it.
/** Shown on every portal page until the member's address is verified. */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <div className="notice notice--info verify-banner" role="region" aria-label="Confirm your email address">
      <p style={{ margin: 0 }}>
        <strong>Confirm your email address</strong> to support objectives, spend priority points, take a stance and comment, so that every voice counted is a
        real member's. We sent a link to {email}.
      </p>
      <Form method="post" action="/verify-email" style={{ marginTop: "0.5rem" }}>
        <input type="hidden" name="intent" value="resend" />
        <button type="submit" className="button button--secondary">
          Send a new link
        </button>
      </Form>
    </div>
  );
}
