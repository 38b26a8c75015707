import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { toHttpProblem, type RouterOutputs } from "@planpulse/api";
import { getCaller, query } from "@planpulse/remix";
import { Breadcrumbs, FormErrorSummary, Notice } from "@planpulse/ui";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Import a plan", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  // Admins only: the same check as the procedures behind this page.
  const plan = await query(args, (caller) => caller.planAdmin.get());
  return { version: plan.version, cycle: plan.cycle };
}

type Preview = RouterOutputs["planAdmin"]["previewImport"];
type CyclePreview = RouterOutputs["planAdmin"]["previewNewCycle"];
type CycleFields = { text: string; cycleName: string; cycleSlug: string };
type ImportResult =
  | { step: "preview"; text: string; preview: Preview }
  | { step: "applied"; message: string; cycleSlug?: string }
  | { step: "error"; text: string; message: string; fieldErrors: Record<string, string[]> | null; cycle?: CycleFields }
  | { step: "cycle-preview"; cycle: CycleFields; preview: CyclePreview };

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const text = String(form.get("text") ?? "");
  const intent = String(form.get("intent") ?? "preview");
  const caller = await getCaller(args);
  const cycle: CycleFields = { text, cycleName: String(form.get("cycleName") ?? ""), cycleSlug: String(form.get("cycleSlug") ?? "") };
  if (intent === "cycle-preview" || intent === "cycle-apply") {
    try {
      if (intent === "cycle-apply") {
        // Each new objective's select names the old objective it continues ("" = none).
        const links = [...form.entries()]
          .filter(([name, value]) => name.startsWith("link:") && String(value) !== "")
          .map(([name, value]) => ({ key: name.slice("link:".length), fromObjectiveId: Number(value) }));
        const result = await caller.planAdmin.startNewCycle({ ...cycle, expectedCycleId: Number(form.get("expectedCycleId")), links });
        return data<ImportResult>({
          step: "applied",
          cycleSlug: result.archived.slug,
          message: `The new cycle “${cycle.cycleName}” is the current plan (${result.domains} domains, ${result.objectives} objectives, ${result.linked} carried over). The previous cycle is archived and read-only.`,
        });
      }
      return data<ImportResult>({ step: "cycle-preview", cycle, preview: await caller.planAdmin.previewNewCycle(cycle) });
    } catch (error) {
      const problem = toHttpProblem(error);
      return data<ImportResult>({ step: "error", text, message: problem.message, fieldErrors: problem.fieldErrors, cycle }, { status: problem.status });
    }
  }
  try {
    if (intent === "apply") {
      const summary = await caller.planAdmin.applyImport({ text });
      return data<ImportResult>({
        step: "applied",
        message: summary.changed ? `Imported. The plan is now version ${summary.version}.` : "The text matches the plan already; nothing changed.",
      });
    }
    return data<ImportResult>({ step: "preview", text, preview: await caller.planAdmin.previewImport({ text }) });
  } catch (error) {
    const problem = toHttpProblem(error);
    return data<ImportResult>({ step: "error", text, message: problem.message, fieldErrors: problem.fieldErrors }, { status: problem.status });
  }
}

const KIND_LABEL = { added: "Added", changed: "Changed", unchanged: "Unchanged" } as const;

function Kind({ kind }: { kind: keyof typeof KIND_LABEL }) {
  return <span className={`change-kind change-kind--${kind}`}>{KIND_LABEL[kind]}</span>;
}

export default function ImportPlan() {
  const { cycle: current } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ImportResult | undefined;
  const busy = useNavigation().state === "submitting";
  const cycleFields = (result?.step === "cycle-preview" || result?.step === "error") && result.cycle ? result.cycle : null;
  const text = result && result.step !== "applied" && result.step !== "cycle-preview" && !cycleFields ? result.text : "";
  const preview = result?.step === "preview" ? result.preview : null;
  const textError = result?.step === "error" && !cycleFields ? result.fieldErrors?.text : undefined;

  return (
    <>
      <Breadcrumbs trail={[{ label: "Plan", to: "/plan" }]} current="Import" />
      <h1>Import a plan from text</h1>
      <p className="ws-lead">
        Paste the plan in the seed's format (title, Mission, Vision, Values, “Domains and Goal Statements”, “Strategic Objectives per Domain”). Preview first:
        nothing changes until you apply.
      </p>
      {result?.step === "applied" ? (
        <Notice tone="success">
          {result.message}
          {result.cycleSlug ? (
            <>
              {" "}
              Members can still read it at <code>/plans/{result.cycleSlug}</code> in the portal.
            </>
          ) : null}
        </Notice>
      ) : null}
      {result?.step === "error" ? <FormErrorSummary message={result.message} /> : null}

      <NewCycleSection current={current} fields={cycleFields} result={result} busy={busy} />

      <h2>Update the current plan</h2>
      <p className="ws-small">Changes text in “{current.name}” without starting a new cycle: votes and comments stay on their objectives.</p>

      <Form method="post" className="ws-section" noValidate>
        <div className={`field${textError ? " field--invalid" : ""}`}>
          <label className="field__label" htmlFor="plan-text">
            Plan text
          </label>
          <textarea id="plan-text" name="text" className="ws-textarea ws-textarea--code" defaultValue={text} key={text.length} spellCheck={false} />
          {textError ? (
            <ul className="issue-list field__error">
              {textError.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <button type="submit" name="intent" value="preview" className="button" disabled={busy}>
          Preview changes
        </button>
      </Form>

      {preview && !preview.ok ? (
        <section className="ws-section" aria-labelledby="issues-title" role="alert">
          <h2 id="issues-title">The text has {preview.issues.length === 1 ? "a problem" : `${preview.issues.length} problems`}; nothing can be applied</h2>
          <ul className="issue-list">
            {preview.issues.map((issue) => (
              <li key={`${issue.line}-${issue.message}`}>
                <strong>Line {issue.line}:</strong> {issue.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {preview && preview.ok ? (
        <section className="ws-section" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview</h2>
          <p>
            {preview.counts.added} added · {preview.counts.changed} changed · {preview.counts.unchanged} unchanged
          </p>
          <h3>Plan statement</h3>
          <ul className="import-diff">
            {preview.plan.map((p) => (
              <li key={p.field}>
                <Kind kind={p.kind} /> {p.field[0]!.toUpperCase() + p.field.slice(1)}
              </li>
            ))}
          </ul>
          {preview.domains.map((d) => (
            <div key={d.slug}>
              <h3>
                <Kind kind={d.kind} /> {d.name}
              </h3>
              <ul className="import-diff">
                {d.objectives.map((o) => (
                  <li key={o.slug}>
                    <Kind kind={o.kind} /> {o.position}. {o.text} <span className="ws-small">(line {o.line})</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <p className="ws-small">Objectives not in the text stay as they are; retire them on the plan page.</p>
          <Form method="post">
            <input type="hidden" name="text" value={text} />
            <button
              type="submit"
              name="intent"
              value="apply"
              className="button"
              disabled={busy || (preview.counts.added === 0 && preview.counts.changed === 0)}
            >
              Apply this import
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

const CYCLE_KIND = { added: "Added", kept: "Kept", renamed: "Renamed", reworded: "Reworded" } as const;

function CycleKind({ kind }: { kind: keyof typeof CYCLE_KIND }) {
  return <span className={`change-kind change-kind--${kind === "kept" ? "unchanged" : kind === "added" ? "added" : "changed"}`}>{CYCLE_KIND[kind]}</span>;
}

/** Start a new plan cycle: replace, not merge (decision 024). Preview, link carried-over objectives, then apply. */
function NewCycleSection({
  current,
  fields,
  result,
  busy,
}: {
  current: { id: number; name: string; slug: string };
  fields: CycleFields | null;
  result: ImportResult | undefined;
  busy: boolean;
}) {
  const preview = result?.step === "cycle-preview" ? result.preview : null;
  const errors = result?.step === "error" && result.cycle ? (result.fieldErrors ?? {}) : {};
  const fieldError = (name: string) => errors[name]?.[0];
  return (
    <section className="ws-section" aria-labelledby="new-cycle-title">
      <h2 id="new-cycle-title">Start a new plan cycle</h2>
      <p className="ws-small">
        The text replaces the plan: “{current.name}” becomes an archived, read-only cycle that members can still browse with everything they said. Nothing
        changes until you apply.
      </p>
      <Form method="post" noValidate>
        <div className={`field${fieldError("cycleName") ? " field--invalid" : ""}`}>
          <label className="field__label" htmlFor="cycle-name">
            Name of the new cycle
          </label>
          <input id="cycle-name" name="cycleName" className="field__input" defaultValue={fields?.cycleName ?? ""} maxLength={120} />
          {fieldError("cycleName") ? <p className="field__error">⚠ {fieldError("cycleName")}</p> : null}
        </div>
        <div className={`field${fieldError("cycleSlug") ? " field--invalid" : ""}`}>
          <label className="field__label" htmlFor="cycle-slug">
            Web name (lower-case letters, digits and dashes; for example 2027-2030)
          </label>
          <input id="cycle-slug" name="cycleSlug" className="field__input" defaultValue={fields?.cycleSlug ?? ""} maxLength={60} />
          {fieldError("cycleSlug") ? <p className="field__error">⚠ {fieldError("cycleSlug")}</p> : null}
        </div>
        <div className={`field${fieldError("text") ? " field--invalid" : ""}`}>
          <label className="field__label" htmlFor="cycle-text">
            Plan text of the new cycle
          </label>
          <textarea id="cycle-text" name="text" className="ws-textarea ws-textarea--code" defaultValue={fields?.text ?? ""} spellCheck={false} />
          {errors.text ? (
            <ul className="issue-list field__error">
              {errors.text.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <button type="submit" name="intent" value="cycle-preview" className="button" disabled={busy}>
          Preview the new cycle
        </button>
      </Form>

      {preview && !preview.ok ? (
        <div role="alert">
          <h3>The text has {preview.issues.length === 1 ? "a problem" : `${preview.issues.length} problems`}; nothing can be applied</h3>
          <ul className="issue-list">
            {preview.issues.map((issue) => (
              <li key={`${issue.line}-${issue.message}`}>
                <strong>Line {issue.line}:</strong> {issue.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {preview && preview.ok && fields ? (
        <Form method="post" aria-labelledby="cycle-preview-title">
          <h3 id="cycle-preview-title">What changes from “{preview.current.name}”</h3>
          <p>
            Domains: {preview.counts.domainsAdded} added · {preview.counts.domainsRenamed} renamed · {preview.counts.domainsRemoved} removed. Objectives:{" "}
            {preview.counts.objectivesAdded} added · {preview.counts.objectivesReworded} reworded · {preview.counts.objectivesKept} kept ·{" "}
            {preview.counts.objectivesRemoved} removed.
          </p>
          {preview.cycle.slugTaken ? <p className="field__error">⚠ A cycle already uses the web name “{preview.cycle.slug}”; choose another.</p> : null}
          <p className="ws-small">
            For each new objective, choose the objective of the current cycle it carries over (if any). Its page will say so and link to the old figures; votes
            and comments stay where they were given.
          </p>
          <input type="hidden" name="text" value={fields.text} />
          <input type="hidden" name="cycleName" value={fields.cycleName} />
          <input type="hidden" name="cycleSlug" value={fields.cycleSlug} />
          <input type="hidden" name="expectedCycleId" value={preview.current.id} />
          {preview.domains.map((domain) => (
            <div key={domain.name}>
              <h4>
                <CycleKind kind={domain.kind} /> {domain.name}
                {domain.previousName ? <span className="ws-small"> (was “{domain.previousName}”)</span> : null}
              </h4>
              <ol className="import-diff">
                {domain.objectives.map((o) => (
                  <li key={o.key}>
                    <CycleKind kind={o.kind} /> {o.text} <span className="ws-small">(line {o.line})</span>
                    <div className="field">
                      <label className="field__label" htmlFor={`link-${o.key}`}>
                        Carries over
                      </label>
                      <select id={`link-${o.key}`} name={`link:${o.key}`} className="field__input field__input--select" defaultValue={o.suggestedFrom ?? ""}>
                        <option value="">Nothing (a new objective)</option>
                        {preview.previous.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.domainName}: {p.text.length > 90 ? `${p.text.slice(0, 90)}…` : p.text}
                          </option>
                        ))}
                      </select>
                    </div>
                  </li>
                ))}
              </ol>
            </div>
          ))}
          {preview.removedDomains.length > 0 ? (
            <>
              <h4>Domains not in the new cycle</h4>
              <ul className="import-diff">
                {preview.removedDomains.map((name) => (
                  <li key={name}>
                    <span className="change-kind change-kind--changed">Removed</span> {name}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {preview.removedObjectives.length > 0 ? (
            <>
              <h4>Objectives not matched in the new cycle</h4>
              <ul className="import-diff">
                {preview.removedObjectives.map((o) => (
                  <li key={o.id}>
                    <span className="change-kind change-kind--changed">Removed</span> {o.domainName}: {o.text}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <button type="submit" name="intent" value="cycle-apply" className="button" disabled={busy || preview.cycle.slugTaken}>
            Start “{fields.cycleName}” and archive “{preview.current.name}”
          </button>
        </Form>
      ) : null}
    </section>
  );
}
