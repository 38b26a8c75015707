import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { FormErrorSummary, Notice, OrgDate, UrgentBadge } from "@planpulse/ui";
import { OBJECTIVE_STATUSES, STATUS_LABELS, type ObjectiveStatus } from "@planpulse/validators/domain";
import { ProgressRowSchema, type z } from "@planpulse/validators";
import { runFormAction, type FormResult } from "../workspace-form.server";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Progress", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  return { board: await query(args, (caller) => caller.progress.board()) };
}

type BoardResult = FormResult & { values?: Record<string, string> };

/** Only rows whose status or percent differ from what the page showed are sent: a stale page never overwrites others' work. */
export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const ids = form.getAll("objectiveId").map(String);
  const values: Record<string, string> = {};
  const rows: Array<z.input<typeof ProgressRowSchema>> = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const id of ids) {
    const status = String(form.get(`status-${id}`) ?? "");
    const percent = String(form.get(`percent-${id}`) ?? "");
    values[`status-${id}`] = status;
    values[`percent-${id}`] = percent;
    if (status === String(form.get(`was-status-${id}`) ?? "") && percent.trim() === String(form.get(`was-percent-${id}`) ?? "")) continue;
    const parsed = ProgressRowSchema.safeParse({ objectiveId: id, status, percentComplete: percent });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === "percentComplete" ? `percent-${id}` : `status-${id}`;
        (fieldErrors[key] ??= []).push(issue.message);
      }
    }
    rows.push({ objectiveId: id, status: status as ObjectiveStatus, percentComplete: percent });
  }
  if (Object.keys(fieldErrors).length > 0) {
    return data<BoardResult>({ intent: "save", ok: false, message: "Some rows need another look; nothing was saved.", fieldErrors, values }, { status: 400 });
  }
  if (rows.length === 0) {
    return data<BoardResult>({ intent: "save", ok: true, message: "Nothing changed, so nothing was saved.", fieldErrors: null });
  }
  const result = await runFormAction(args, form, async (caller) => {
    const saved = await caller.progress.bulkUpdate({
      rows: rows.map((r) => ({ objectiveId: Number(r.objectiveId), status: r.status, percentComplete: Number(r.percentComplete) })),
    });
    return `Saved ${saved.changed.length} ${saved.changed.length === 1 ? "objective" : "objectives"}.`;
  });
  const body = result.data;
  return body.ok ? result : data<BoardResult>({ ...body, intent: "save", values }, { status: result.init?.status ?? 400 });
}

export default function ProgressBoardPage() {
  const { board } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as BoardResult | undefined;
  const navigation = useNavigation();
  const saving = navigation.state === "submitting";
  const errors = result?.fieldErrors ?? {};
  const values = result && !result.ok ? (result.values ?? {}) : {};
  const objectiveCount = board.domains.reduce((n, d) => n + d.objectives.length, 0);

  return (
    <>
      <h1>Progress</h1>
      <p className="ws-lead">
        {board.scope === "all" ? "As an administrator you report progress for every domain." : "You report progress for the domains assigned to you."} Change
        any statuses and percentages below, then save once: every change is kept in the history.
      </p>
      {result?.ok ? <Notice tone="success">{result.message}</Notice> : <FormErrorSummary message={result?.message} />}
      {board.domains.length === 0 ? (
        <Notice>You are not assigned to any domain yet. Ask an administrator to assign you on the People page.</Notice>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="save" />
          <div className="table-scroll" tabIndex={0}>
            <table className="data progress-board">
              <caption className="visually-hidden">Status and percent complete of {objectiveCount} objectives, grouped by domain</caption>
              <thead>
                <tr>
                  <th scope="col">Objective</th>
                  <th scope="col">Status</th>
                  <th scope="col">Percent complete</th>
                  <th scope="col">Milestones</th>
                  <th scope="col">Last change</th>
                </tr>
              </thead>
              {board.domains.map((domain) => (
                <tbody key={domain.id}>
                  <tr className="progress-board__domain">
                    <th scope="rowgroup" colSpan={5}>
                      {domain.name}
                    </th>
                  </tr>
                  {domain.objectives.map((o) => {
                    const statusError = errors[`status-${o.id}`]?.[0];
                    const percentError = errors[`percent-${o.id}`]?.[0];
                    const done = o.milestones.filter((m) => m.done).length;
                    return (
                      <tr key={o.id} className={statusError || percentError ? "progress-board__row--invalid" : undefined}>
                        <td className="progress-board__objective">
                          <input type="hidden" name="objectiveId" value={o.id} />
                          <input type="hidden" name={`was-status-${o.id}`} value={o.status} />
                          <input type="hidden" name={`was-percent-${o.id}`} value={o.percentComplete} />
                          {o.isUrgent ? <UrgentBadge /> : null}{" "}
                          <Link to={`/progress/${o.slug}`} id={`objective-${o.id}`}>
                            {o.text}
                          </Link>
                        </td>
                        <td data-label="Status">
                          <label className="visually-hidden" htmlFor={`status-${o.id}`}>
                            Status of “{o.text}”
                          </label>
                          <select
                            key={`s-${o.id}-${values[`status-${o.id}`] ?? o.status}`}
                            id={`status-${o.id}`}
                            name={`status-${o.id}`}
                            className="ws-select"
                            defaultValue={values[`status-${o.id}`] ?? o.status}
                            aria-invalid={statusError ? true : undefined}
                            aria-describedby={statusError ? `status-${o.id}-error` : undefined}
                          >
                            {OBJECTIVE_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {STATUS_LABELS[s]}
                              </option>
                            ))}
                          </select>
                          {statusError ? (
                            <span className="ws-field-error" id={`status-${o.id}-error`}>
                              ⚠ {statusError}
                            </span>
                          ) : null}
                        </td>
                        <td data-label="Percent complete">
                          <label className="visually-hidden" htmlFor={`percent-${o.id}`}>
                            Percent complete of “{o.text}”
                          </label>
                          <input
                            key={`p-${o.id}-${values[`percent-${o.id}`] ?? o.percentComplete}`}
                            id={`percent-${o.id}`}
                            name={`percent-${o.id}`}
                            className="ws-input ws-input--percent"
                            type="number"
                            inputMode="numeric"
                            min={0}
                            max={100}
                            step={1}
                            defaultValue={values[`percent-${o.id}`] ?? o.percentComplete}
                            aria-invalid={percentError ? true : undefined}
                            aria-describedby={percentError ? `percent-${o.id}-error` : undefined}
                          />{" "}
                          %
                          {percentError ? (
                            <span className="ws-field-error" id={`percent-${o.id}-error`}>
                              ⚠ {percentError}
                            </span>
                          ) : null}
                        </td>
                        <td className="ws-small" data-label="Milestones">
                          {o.milestones.length === 0 ? "None yet" : `${done} of ${o.milestones.length} done`}
                        </td>
                        <td className="ws-small" data-label="Last change">
                          <OrgDate iso={o.updatedAt} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              ))}
            </table>
          </div>
          <div className="ws-sticky-save">
            <button type="submit" className="button" disabled={saving}>
              {saving ? "Saving…" : "Save changes"}
            </button>
            <span className="ws-small">Only the rows you changed are saved, all together or not at all.</span>
          </div>
        </Form>
      )}
    </>
  );
}
