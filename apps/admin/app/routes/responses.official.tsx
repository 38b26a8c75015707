import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useEffect, useRef } from "react";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { Breadcrumbs, Notice } from "@planpulse/ui";
import { runFormAction, badIntent, type FormResult } from "../workspace-form.server";

export const meta: MetaFunction = () => [{ title: "Post an official response · Plan Pulse staff workspace" }];

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const objectives = await query(args, (caller) => caller.response.objectives());
  const wanted = url.searchParams.get("objective") ?? "";
  const posted = url.searchParams.get("posted");
  return {
    objectives,
    preselected: objectives.some((o) => o.slug === wanted) ? wanted : "",
    posted: posted ? (objectives.find((o) => o.slug === posted) ?? null) : null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent !== "official") return badIntent(intent);
  let slug = "";
  const result = await runFormAction(args, form, async (caller) => {
    slug = (await caller.response.official({ objectiveSlug: String(form.get("objectiveSlug") ?? ""), body: String(form.get("body") ?? "") })).objectiveSlug;
    return "Official response posted.";
  });
  if (!result.data.ok) return result;
  // Post/redirect/get: the box is empty afterwards, so a second press or a reload cannot post it twice.
  return redirect(`/responses/official?posted=${encodeURIComponent(slug)}`);
}

export default function OfficialResponse() {
  const { objectives, preselected, posted } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  const location = useLocation();
  const error = result && !result.ok ? result : undefined;
  // After the post-redirect-get the box is empty: with JavaScript the page is not reloaded, so empty it here
  // (an error keeps what was typed).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (posted && !error) formRef.current?.reset();
  }, [posted, error, location.key]);
  return (
    <>
      <Breadcrumbs trail={[{ label: "Responses", to: "/responses" }]} current="Official response" />
      <h1>Post an official response</h1>
      {posted ? (
        <Notice tone="success">Official response posted and pinned on “{posted.text}”. Everyone following the objective has been notified.</Notice>
      ) : null}
      {objectives.length === 0 ? (
        <Notice>You are not assigned to any domain yet, so there is no objective you can respond on. Ask an administrator to assign you.</Notice>
      ) : (
        <section className="card official-form" aria-labelledby="official-title">
          <h2 id="official-title" className="visually-hidden">
            The response
          </h2>
          <p className="field__hint">
            It is pinned at the top of the objective&apos;s discussion, marked as staff, and everyone following the objective is notified.
          </p>
          {error ? <Notice tone="error">{error.message}</Notice> : null}
          <Form method="post" ref={formRef}>
            <input type="hidden" name="intent" value="official" />
            <div className={`field${error?.fieldErrors?.objectiveSlug ? " field--invalid" : ""}`}>
              <label htmlFor="objectiveSlug" className="field__label">
                Objective
              </label>
              <select id="objectiveSlug" name="objectiveSlug" className="field__input" defaultValue={preselected} required>
                <option value="" disabled>
                  Choose an objective
                </option>
                {objectives.map((o) => (
                  <option key={o.slug} value={o.slug}>
                    {o.domainName}: {o.text.length > 90 ? `${o.text.slice(0, 90)}…` : o.text}
                    {o.answered ? "" : " (no staff response yet)"}
                  </option>
                ))}
              </select>
              {error?.fieldErrors?.objectiveSlug?.[0] ? <p className="field__error">{error.fieldErrors.objectiveSlug[0]}</p> : null}
            </div>
            <div className={`field${error?.fieldErrors?.body ? " field--invalid" : ""}`}>
              <label htmlFor="official-body" className="field__label">
                Official response
              </label>
              <textarea
                id="official-body"
                name="body"
                rows={6}
                className="field__input"
                required
                minLength={2}
                maxLength={5000}
                aria-invalid={error?.fieldErrors?.body ? true : undefined}
                aria-describedby={error?.fieldErrors?.body ? "official-body-error" : undefined}
              />
              {error?.fieldErrors?.body?.[0] ? (
                <p id="official-body-error" className="field__error">
                  <span aria-hidden="true">⚠ </span>
                  {error.fieldErrors.body[0]}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Posting…" : "Post official response"}
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
