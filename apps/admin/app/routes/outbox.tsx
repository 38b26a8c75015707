import { OrgDate } from "@planpulse/ui";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/api";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Outbox", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  return { messages: await query(args, (caller) => caller.people.outbox()) };
}


export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Outbox</h1>
      <p className="ws-lead">
        Messages the workspace has written, newest first. With no mail server configured (SMTP_URL), they stay here for an administrator
        to pass on.
      </p>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="ws-section" aria-labelledby={`message-${m.id}`}>
          <h2 id={`message-${m.id}`} style={{ fontSize: "1.1rem" }}>
            {m.subject}
          </h2>
          <p className="ws-small">
            To {m.to} · <OrgDate iso={m.createdAt} time /> ·{" "}
            {m.transport === "outbox" ? "Not sent (no mail server)" : m.sentAt ? "Sent" : `Sending failed: ${m.error ?? "unknown error"}`}
          </p>
          <pre className="outbox-body">{m.body}</pre>
        </article>
      ))}
    </>
  );
}
