import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { toHttpProblem } from "@planpulse/api";
import { getCaller, query, requireUser } from "@planpulse/remix";
import { FormErrorSummary, Notice } from "@planpulse/ui";
import {
  MEMBER_NOTIFICATION_PREFERENCES,
  NOTIFICATION_CADENCE_LABELS,
  NOTIFICATION_CADENCES,
  NOTIFICATION_PREFERENCE_LABELS,
  type NotificationCadence,
} from "@planpulse/validators";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Email notifications") }];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const settings = await query(args, (caller) => caller.notification.settings());
  return { settings, timeZones: Intl.supportedValuesOf("timeZone") };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const caller = await getCaller(args);
  const preferences: Record<string, string> = {};
  for (const preference of MEMBER_NOTIFICATION_PREFERENCES) {
    const value = form.get(preference);
    if (typeof value === "string") preferences[preference] = value;
  }
  const timeZone = form.get("timeZone");
  try {
    await caller.notification.updateSettings({
      preferences: preferences as Record<string, NotificationCadence>,
      ...(typeof timeZone === "string" ? { timeZone } : {}),
    });
  } catch (error) {
    const problem = toHttpProblem(error);
    if (problem.status === 401) return redirect("/login?redirectTo=%2Fme%2Fnotifications%2Fsettings");
    return data({ formError: problem.message, fieldErrors: problem.fieldErrors }, { status: problem.status });
  }
  return redirect("/me/notifications/settings?saved=1");
}

const HINTS: Partial<Record<(typeof MEMBER_NOTIFICATION_PREFERENCES)[number], string>> = {
  replies: "When a member or staff answers a comment of yours.",
  mentions: "When someone writes @ and your handle in a comment.",
  staff_responses: "You follow an objective when you follow it, support it or comment on it.",
  followed_comments: "Every new comment in the discussions you follow.",
  moderation: "When moderators hide or restore one of your comments.",
};

export default function NotificationSettings() {
  const { settings, timeZones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const timeZoneError = result?.fieldErrors?.timeZone?.[0];
  return (
    <>
      <h1>Email notifications</h1>
      <p className="lede">
        Choose which notifications also come by email, and how often. Everything still appears on <Link to="/me/notifications">your notifications page</Link>.
        &ldquo;At once&rdquo; gathers what happens within a few minutes into one message; digests come at 8 in the morning in your time zone (weekly ones on
        Monday).
      </p>
      {params.get("saved") && !result ? <Notice tone="success">Saved. New notifications follow these settings.</Notice> : null}
      {result?.formError ? <FormErrorSummary message={result.formError} /> : null}
      <Form method="post" className="notification-settings">
        {MEMBER_NOTIFICATION_PREFERENCES.map((preference) => (
          <fieldset key={preference} className="notification-settings__group" aria-describedby={HINTS[preference] ? `${preference}-hint` : undefined}>
            <legend className="field__label">{NOTIFICATION_PREFERENCE_LABELS[preference]}</legend>
            {HINTS[preference] ? (
              <p className="field__hint" id={`${preference}-hint`}>
                {HINTS[preference]}
              </p>
            ) : null}
            <div className="notification-settings__options">
              {NOTIFICATION_CADENCES.map((cadence) => (
                <label key={cadence} className="checkbox">
                  <input type="radio" name={preference} value={cadence} defaultChecked={settings.preferences[preference] === cadence} />{" "}
                  {NOTIFICATION_CADENCE_LABELS[cadence]}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <div className={`field${timeZoneError ? " field--invalid" : ""}`}>
          <label htmlFor="timeZone" className="field__label">
            Time zone for digests
          </label>
          <select
            id="timeZone"
            name="timeZone"
            className="field__input field__input--select"
            defaultValue={settings.timeZone ?? ""}
            aria-invalid={timeZoneError ? true : undefined}
            aria-describedby={timeZoneError ? "timeZone-error" : undefined}
          >
            <option value="">The organisation&rsquo;s ({settings.organisationTimeZone})</option>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          {timeZoneError ? (
            <p className="field__error" id="timeZone-error">
              {timeZoneError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={busy}>
          Save email settings
        </button>
      </Form>
    </>
  );
}
