import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { toHttpProblem } from "@planpulse/api";
import { query, getCaller } from "@planpulse/remix";
import { Notice } from "@planpulse/ui";
import { pageTitle } from "../page-title";

/**
 * One-click unsubscribe from a notification email (RFC 8058; decision 020). No sign-in: the signed
 * token in the link is the authority. GET asks; POST (this page's button, or the mail client's own
 * `List-Unsubscribe=One-Click` request, which carries no cookies) turns the mail off.
 */
export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Unsubscribe") }, { name: "robots", content: "noindex" }];

type State = "valid" | "already" | "done" | "invalid" | "expired" | "gone";
type Answer = { state: State; label: string | null; token: string };

function tokenFrom(url: string, form?: FormData): string {
  const fromForm = form?.get("token");
  const token = typeof fromForm === "string" && fromForm ? fromForm : (new URL(url).searchParams.get("token") ?? "");
  return token.slice(0, 200);
}

function answer(check: { state: string; label?: string; alreadyOff?: boolean }, token: string, done: boolean): Answer {
  if (check.state === "valid")
    return { state: done ? (check.alreadyOff ? "already" : "done") : check.alreadyOff ? "already" : "valid", label: check.label ?? null, token };
  return { state: check.state as State, label: null, token: "" };
}

const status = (a: Answer) => (a.state === "invalid" || a.state === "expired" ? 400 : 200);

export async function loader(args: LoaderFunctionArgs) {
  const token = tokenFrom(args.request.url);
  if (!token) return data(answer({ state: "invalid" }, "", false), { status: 400 });
  const check = await query(args, (caller) => caller.notification.unsubscribeCheck({ token })).catch(() => ({ state: "invalid" as const }));
  const a = answer(check, token, false);
  return data(a, { status: status(a) });
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const token = tokenFrom(args.request.url, form);
  const caller = await getCaller(args);
  try {
    const a = answer(await caller.notification.unsubscribe({ token }), token, true);
    return data(a, { status: status(a) });
  } catch (error) {
    const problem = toHttpProblem(error);
    return data<Answer>({ state: "invalid", label: null, token: "" }, { status: problem.status >= 500 ? 400 : problem.status });
  }
}

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const a = acted ?? loaded;
  return (
    <>
      <h1>Unsubscribe</h1>
      {a.state === "valid" ? (
        <>
          <p className="lede">
            Stop email about <strong>{a.label}</strong>? You will still see these notifications when you sign in.
          </p>
          <Form method="post" action={`/unsubscribe?token=${encodeURIComponent(a.token)}`}>
            <input type="hidden" name="token" value={a.token} />
            <button type="submit" className="button">
              Unsubscribe
            </button>
          </Form>
        </>
      ) : null}
      {a.state === "done" ? (
        <Notice tone="success">
          Done: no more email about {a.label}. You can turn it back on in your <Link to="/me/notifications/settings">email settings</Link>.
        </Notice>
      ) : null}
      {a.state === "already" ? (
        <Notice tone="info">
          You already receive no email about {a.label}. Your <Link to="/me/notifications/settings">email settings</Link> show every choice.
        </Notice>
      ) : null}
      {a.state === "gone" ? <p className="lede">This account no longer exists, so nothing is sent to it. There is nothing more to do.</p> : null}
      {a.state === "invalid" ? (
        <Notice tone="error">
          This unsubscribe link is not valid: it may have been cut short or changed. Nothing was changed. Copy the whole link from the email, or sign in and
          choose in your <Link to="/me/notifications/settings">email settings</Link>.
        </Notice>
      ) : null}
      {a.state === "expired" ? (
        <Notice tone="error">
          This unsubscribe link is too old to use. Nothing was changed. Use the link in a recent email, or sign in and choose in your{" "}
          <Link to="/me/notifications/settings">email settings</Link>.
        </Notice>
      ) : null}
    </>
  );
}
