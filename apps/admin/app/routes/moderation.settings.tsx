import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { Notice } from "@planpulse/ui";
import { parseWatchWords } from "@planpulse/validators";
import { formatWhen } from "../components/moderation-format";
import { ModerationNav } from "../components/moderation-nav";
import { runFormAction, type FormResult } from "../workspace-form.server";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Hold rules · Moderation", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  const [settings, me] = await query(args, (caller) => Promise.all([caller.moderation.settings(), caller.me.get()]));
  return { settings, isAdmin: me?.role === "admin" };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  return runFormAction(args, form, async (caller) => {
    const current = await caller.moderation.settings();
    // Moderators who are not admins see the checkbox read-only, so keep the current value for them.
    const holdFirstPosts = form.has("holdFirstPostsShown") ? form.get("holdFirstPosts") === "on" : current.holdFirstPosts;
    await caller.moderation.updateSettings({ holdFirstPosts, watchWords: parseWatchWords(String(form.get("watchWords") ?? "")) });
    return "Hold rules saved. They apply to comments posted from now on.";
  });
}

export default function ModerationSettings() {
  const { settings, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  const wordsError =
    result && !result.ok
      ? (result.fieldErrors?.watchWords?.[0] ?? Object.entries(result.fieldErrors ?? {}).find(([k]) => k.startsWith("watchWords"))?.[1]?.[0])
      : undefined;
  return (
    <>
      <h1>Hold rules</h1>
      <ModerationNav />
      <p className="lede">
        A member&apos;s new comment waits for a moderator (in the queue) instead of appearing at once when one of these rules applies. Staff posts are never
        held. Comments with more than 3 links are always held.
      </p>
      {result?.ok ? <Notice tone="success">{result.message}</Notice> : null}
      {result && !result.ok ? <Notice tone="error">{result.message}</Notice> : null}
      <Form method="post" className="card settings-form">
        <fieldset className="field">
          <legend className="field__label">First posts</legend>
          <input type="hidden" name="holdFirstPostsShown" value={isAdmin ? "1" : ""} disabled={!isAdmin} />
          <label className="checkbox">
            <input type="checkbox" name="holdFirstPosts" defaultChecked={settings.holdFirstPosts} disabled={!isAdmin} aria-describedby="hold-hint" />
            Hold a member&apos;s comments until a moderator has approved their first one
          </label>
          <p id="hold-hint" className="field__hint">
            {isAdmin ? "Off by default." : "Only an administrator can change this setting."} Currently <strong>{settings.holdFirstPosts ? "on" : "off"}</strong>
            .
          </p>
        </fieldset>
        <div className={`field${wordsError ? " field--invalid" : ""}`}>
          <label htmlFor="watchWords" className="field__label">
            Word list
          </label>
          <p id="words-hint" className="field__hint">
            One word or phrase per line (or separated by commas). A comment containing one as a whole word, in any letter case, is held: “scam” holds “This is a
            SCAM” but not “scammer”.
          </p>
          <textarea
            id="watchWords"
            name="watchWords"
            rows={8}
            className="field__input"
            defaultValue={settings.watchWords.join("\n")}
            aria-describedby={wordsError ? "words-hint words-error" : "words-hint"}
            aria-invalid={wordsError ? true : undefined}
          />
          {wordsError ? (
            <p id="words-error" className="field__error">
              <span aria-hidden="true">⚠ </span>
              {wordsError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={busy}>
          Save hold rules
        </button>
        {settings.updatedAt ? <p className="field__hint">Last changed {formatWhen(settings.updatedAt)}.</p> : null}
      </Form>
    </>
  );
}
