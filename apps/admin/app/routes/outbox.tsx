import { OrgDate } from "@planpulse/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { Notice } from "@planpulse/ui";
import { runFormAction, type FormResult } from "../workspace-form.server";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Outbox", " staff workspace") }];

const FILTERS = [
  { status: undefined, label: "All messages" },
  { status: "queued", label: "Waiting or retrying" },
  { status: "dead", label: "Dead letters" },
  { status: "kept", label: "Kept (no mail server)" },
  { status: "sent", label: "Sent" },
] as const;

export async function loader(args: LoaderFunctionArgs) {
  const status = new URL(args.request.url).searchParams.get("status") ?? undefined;
  const result = await query(args, (caller) => caller.people.outbox({ status: status as never }));
  return { ...result, status: FILTERS.find((f) => f.status === status)?.status };
}

/** The same as `pnpm notify:digests -- --now`: every pending digest and notification message goes now. */
export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  return runFormAction(args, form, async (caller) => {
    const run = await caller.notification.sendDueNow();
    return `Queued ${run.digests} ${run.digests === 1 ? "digest" : "digests"} and ${run.messages} ${run.messages === 1 ? "message" : "messages"}.`;
  });
}

const STATE: Record<string, string> = {
  queued: "Waiting to be sent",
  sent: "Sent",
  kept: "Not sent (no mail server)",
  dead: "Dead letter: gave up after retries",
};

export default function Outbox() {
  const { messages, counts, status } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Outbox</h1>
      <p className="ws-lead">
        Every message the workspace has written, newest first. With no mail server configured (SMTP_URL) they stay here; single-use links are never shown here.
        A message the mail server refused or could not take is retried with growing delays, then kept as a dead letter.
      </p>
      <Form method="post" className="ws-section">
        <p className="ws-small">
          Notification digests go at 8 in the morning in each member&rsquo;s time zone. To send every pending digest and notification message now (as{" "}
          <code>pnpm notify:digests -- --now</code> does):
        </p>
        <button type="submit" name="intent" value="digests" className="button button--secondary" disabled={busy}>
          Send pending notification email now
        </button>
      </Form>
      {result?.ok ? <Notice tone="success">{result.message}</Notice> : null}
      {result && !result.ok ? <Notice tone="error">{result.message}</Notice> : null}
      <nav aria-label="Filter messages">
        <ul className="filter-bar" style={{ listStyle: "none", padding: 0 }}>
          {FILTERS.map((f) => (
            <li key={f.label}>
              <Link to={f.status ? `?status=${f.status}` : "."} aria-current={f.status === status ? "page" : undefined}>
                {f.label}
              </Link>{" "}
              ({f.status ? counts[f.status] : Object.values(counts).reduce((a, b) => a + b, 0)})
            </li>
          ))}
        </ul>
      </nav>
      {messages.length === 0 ? <p>{status === "dead" ? "No dead letters: every message was delivered or is on its way." : "No messages yet."}</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="ws-section" aria-labelledby={`message-${m.id}`}>
          <h2 id={`message-${m.id}`} style={{ fontSize: "1.1rem" }}>
            {m.subject}
          </h2>
          <p className="ws-small">
            To {m.to} · <OrgDate iso={m.createdAt} time /> · {STATE[m.status] ?? m.status}
            {m.attempts > 0 ? ` · ${m.attempts} ${m.attempts === 1 ? "attempt" : "attempts"}` : ""}
            {m.error && m.status !== "sent" ? ` · last error: ${m.error}` : ""}
          </p>
          <pre className="outbox-body">{m.body}</pre>
        </article>
      ))}
    </>
  );
}
