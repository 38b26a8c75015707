import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { Notice } from "@planpulse/ui";
import { NOTIFICATION_CADENCE_LABELS, NOTIFICATION_CADENCES, type NotificationCadence } from "@planpulse/validators";
import { ModerationNav } from "../components/moderation-nav";
import { runFormAction, type FormResult } from "../workspace-form.server";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "My alerts · Moderation", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  return query(args, (caller) => caller.notification.alertSettings());
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  return runFormAction(args, form, async (caller) => {
    const saved = await caller.notification.updateAlertSettings({ cadence: String(form.get("cadence") ?? "") as NotificationCadence });
    return `Saved: ${NOTIFICATION_CADENCE_LABELS[saved.cadence].toLowerCase()}.`;
  });
}

export default function ModerationAlerts() {
  const { cadence } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>My alerts</h1>
      <ModerationNav />
      <p className="lede">
        Email to you, and only you, when a member flags a comment or a new comment is held for review. &ldquo;At once&rdquo; gathers what happens within a few
        minutes into one message; digests come at 8 in the morning (weekly ones on Monday). The queue always shows everything.
      </p>
      {result?.ok ? <Notice tone="success">{result.message}</Notice> : null}
      {result && !result.ok ? <Notice tone="error">{result.message}</Notice> : null}
      <Form method="post" className="card settings-form">
        <fieldset className="field">
          <legend className="field__label">New flags and comments held for review</legend>
          {NOTIFICATION_CADENCES.map((value) => (
            <label key={value} className="checkbox">
              <input type="radio" name="cadence" value={value} defaultChecked={cadence === value} /> {NOTIFICATION_CADENCE_LABELS[value]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          Save my alerts
        </button>
      </Form>
    </>
  );
}
