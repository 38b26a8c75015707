import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { Breadcrumbs, FormErrorSummary, Notice, OrgDate, ProgressBar, ProgressTimeline, StatusBadge } from "@planpulse/ui";
import { OBJECTIVE_STATUSES, STATUS_LABELS, type ObjectiveStatus } from "@planpulse/validators/domain";
import { badIntent, runFormAction, type FormResult } from "../workspace-form.server";
import { pageTitle } from "../page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data ? pageTitle(matches, `Progress: ${data.objective.text.slice(0, 50)}`, " staff workspace") : pageTitle(matches, "Progress", " staff workspace"),
  },
];

export async function loader(args: LoaderFunctionArgs) {
  const slug = args.params.slug ?? "";
  return { objective: await query(args, (caller) => caller.progress.objective({ slug })) };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const value = (name: string) => String(form.get(name) ?? "");
  switch (intent) {
    case "post-update":
      return runFormAction(args, form, async (caller) => {
        const percent = value("percentComplete").trim();
        await caller.progress.postUpdate({
          objectiveId: Number(value("objectiveId")),
          body: value("body"),
          status: value("status") ? (value("status") as ObjectiveStatus) : undefined,
          percentComplete: percent === "" ? undefined : (percent as unknown as number),
        });
        return "Progress saved: the status, the percent and your update show on the objective's public page.";
      });
    case "add-milestone":
      return runFormAction(args, form, async (caller) => {
        await caller.progress.addMilestone({
          objectiveId: Number(value("objectiveId")),
          title: value("title"),
          dueDate: value("dueDate"),
          done: form.get("done") === "on",
        });
        return "Milestone added.";
      });
    case "update-milestone":
      return runFormAction(args, form, async (caller) => {
        const result = await caller.progress.updateMilestone({
          milestoneId: Number(value("milestoneId")),
          title: value("title"),
          dueDate: value("dueDate"),
          done: form.get("done") === "on",
        });
        return result.changed ? "Milestone saved." : "Nothing changed in that milestone.";
      });
    case "retire-milestone":
      return runFormAction(args, form, async (caller) => {
        await caller.progress.retireMilestone({ milestoneId: Number(value("milestoneId")) });
        return "Milestone removed (it stays in the audit log).";
      });
    default:
      return badIntent(intent);
  }
}

function errorOf(result: FormResult | undefined, intent: string, field: string, target?: string) {
  if (!result || result.ok || result.intent !== intent || (target && result.target !== target)) return undefined;
  return result.fieldErrors?.[field]?.[0];
}

function describe(value: unknown): string {
  const v = value as { status?: ObjectiveStatus; percentComplete?: number } | null;
  if (!v) return "—";
  return `${v.status ? STATUS_LABELS[v.status] : "?"}, ${v.percentComplete ?? "?"}%`;
}

export default function ObjectiveProgressPage() {
  const { objective } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  const bodyError = errorOf(result, "post-update", "body");

  return (
    <>
      <Breadcrumbs trail={[{ label: "Progress", to: "/progress" }]} current={objective.domainName} />
      <h1>{objective.text}</h1>
      <div className="status-line" style={{ marginBottom: "1.25rem" }}>
        <StatusBadge status={objective.status} />
        <ProgressBar percent={objective.percentComplete} />
        <Link to="/progress">All objectives on the progress board</Link>
      </div>
      {result?.ok ? <Notice tone="success">{result.message}</Notice> : <FormErrorSummary message={result?.message} />}

      <section className="ws-section" aria-labelledby="post-update-title">
        <h2 id="post-update-title">Report progress</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="post-update" />
          <input type="hidden" name="objectiveId" value={objective.id} />
          <div className="form-row">
            <div className={`field${errorOf(result, "post-update", "status") ? " field--invalid" : ""}`}>
              <label className="field__label" htmlFor="update-status">
                Status
              </label>
              <select id="update-status" name="status" className="field__input" defaultValue={objective.status} key={objective.status}>
                {OBJECTIVE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className={`field${errorOf(result, "post-update", "percentComplete") ? " field--invalid" : ""}`}>
              <label className="field__label" htmlFor="update-percent">
                Percent complete
              </label>
              <input
                id="update-percent"
                name="percentComplete"
                type="number"
                min={0}
                max={100}
                step={1}
                inputMode="numeric"
                className="field__input field__input--narrow"
                defaultValue={objective.percentComplete}
                key={objective.percentComplete}
                aria-invalid={errorOf(result, "post-update", "percentComplete") ? true : undefined}
              />
              {errorOf(result, "post-update", "percentComplete") ? <p className="field__error">⚠ {errorOf(result, "post-update", "percentComplete")}</p> : null}
            </div>
          </div>
          <div className={`field${bodyError ? " field--invalid" : ""}`}>
            <label className="field__label" htmlFor="update-body">
              What happened? (members read this on the objective's page)
            </label>
            <p className="field__hint" id="update-body-hint">
              Up to 2,000 characters. It is dated today and shows the status and percent above; one save does all three.
            </p>
            <textarea
              id="update-body"
              name="body"
              className="ws-textarea"
              maxLength={2000}
              required
              aria-invalid={bodyError ? true : undefined}
              aria-describedby={["update-body-hint", bodyError ? "update-body-error" : ""].filter(Boolean).join(" ")}
            />
            {bodyError ? (
              <p className="field__error" id="update-body-error">
                ⚠ {bodyError}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={busy}>
            Save progress
          </button>
        </Form>
      </section>

      <section className="ws-section" aria-labelledby="milestones-title">
        <h2 id="milestones-title">Milestones</h2>
        {objective.milestones.length === 0 ? <p className="ws-small">No milestones yet.</p> : null}
        {objective.milestones.map((m) => {
          const target = String(m.id);
          const titleError = errorOf(result, "update-milestone", "title", target);
          const dateError = errorOf(result, "update-milestone", "dueDate", target);
          return (
            <Form method="post" key={m.id} className="ws-actions" style={{ borderTop: "1px solid var(--line)", padding: "0.75rem 0" }} noValidate>
              <input type="hidden" name="milestoneId" value={m.id} />
              <input type="hidden" name="target" value={m.id} />
              <label className="filter-label">
                <span className="visually-hidden">Milestone title</span>
                <input name="title" className="ws-input" defaultValue={m.title} maxLength={300} aria-invalid={titleError ? true : undefined} />
                {titleError ? <span className="ws-field-error">⚠ {titleError}</span> : null}
              </label>
              <label>
                <span className="ws-small">Due </span>
                <input type="date" name="dueDate" className="ws-input" defaultValue={m.dueDate ?? ""} aria-invalid={dateError ? true : undefined} />
                {dateError ? <span className="ws-field-error">⚠ {dateError}</span> : null}
              </label>
              <label>
                <input type="checkbox" name="done" defaultChecked={m.done} /> Done
              </label>
              <button type="submit" name="intent" value="update-milestone" className="button button--secondary ws-button-small">
                Save
              </button>
              <button type="submit" name="intent" value="retire-milestone" className="button ws-danger ws-button-small">
                Remove
              </button>
            </Form>
          );
        })}
        <h3 style={{ marginTop: "1rem" }}>Add a milestone</h3>
        <Form method="post" className="ws-actions" noValidate>
          <input type="hidden" name="intent" value="add-milestone" />
          <input type="hidden" name="objectiveId" value={objective.id} />
          <label>
            <span className="ws-small">Title </span>
            <input name="title" className="ws-input" maxLength={300} aria-invalid={errorOf(result, "add-milestone", "title") ? true : undefined} />
            {errorOf(result, "add-milestone", "title") ? <span className="ws-field-error">⚠ {errorOf(result, "add-milestone", "title")}</span> : null}
          </label>
          <label>
            <span className="ws-small">Due date </span>
            <input type="date" name="dueDate" className="ws-input" aria-invalid={errorOf(result, "add-milestone", "dueDate") ? true : undefined} />
            {errorOf(result, "add-milestone", "dueDate") ? <span className="ws-field-error">⚠ {errorOf(result, "add-milestone", "dueDate")}</span> : null}
          </label>
          <label>
            <input type="checkbox" name="done" /> Already done
          </label>
          <button type="submit" className="button button--secondary">
            Add milestone
          </button>
        </Form>
      </section>

      <ProgressTimeline updates={objective.updates} />

      <section className="ws-section" aria-labelledby="history-title">
        <h2 id="history-title">Change history</h2>
        {objective.history.length === 0 ? (
          <p className="ws-small">Status and percent have not been changed yet.</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="data">
              <caption className="visually-hidden">Changes to status and percent, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {objective.history.map((h, i) => (
                  <tr key={i}>
                    <td>
                      <OrgDate iso={h.at} time />
                    </td>
                    <td>{h.actor ?? "System"}</td>
                    <td>{describe(h.before)}</td>
                    <td>{describe(h.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
