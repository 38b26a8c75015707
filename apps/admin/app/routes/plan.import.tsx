import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { toHttpProblem, type RouterOutputs } from "@planpulse/api";
import { getCaller, query } from "@planpulse/remix";
import { FormErrorSummary, Notice } from "@planpulse/ui";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Import a plan", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  // Admins only: the same check as the procedures behind this page.
  const plan = await query(args, (caller) => caller.planAdmin.get());
  return { version: plan.version };
}

type Preview = RouterOutputs["planAdmin"]["previewImport"];
type ImportResult =
  | { step: "preview"; text: string; preview: Preview }
  | { step: "applied"; message: string }
  | { step: "error"; text: string; message: string; fieldErrors: Record<string, string[]> | null };

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const text = String(form.get("text") ?? "");
  const intent = String(form.get("intent") ?? "preview");
  const caller = await getCaller(args);
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
  const result = useActionData<typeof action>() as ImportResult | undefined;
  const busy = useNavigation().state === "submitting";
  const text = result && result.step !== "applied" ? result.text : "";
  const preview = result?.step === "preview" ? result.preview : null;
  const textError = result?.step === "error" ? result.fieldErrors?.text : undefined;

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to="/plan">Plan</Link>
          </li>
          <li aria-current="page">Import</li>
        </ol>
      </nav>
      <h1>Import a plan from text</h1>
      <p className="ws-lead">
        Paste the plan in the seed's format (title, Mission, Vision, Values, “Domains and Goal Statements”, “Strategic Objectives per
        Domain”). Preview first: nothing changes until you apply.
      </p>
      {result?.step === "applied" ? <Notice tone="success">{result.message}</Notice> : null}
      {result?.step === "error" ? <FormErrorSummary message={result.message} /> : null}

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
            <button type="submit" name="intent" value="apply" className="button" disabled={busy || (preview.counts.added === 0 && preview.counts.changed === 0)}>
              Apply this import
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
