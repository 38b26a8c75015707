import {
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { toHttpProblem, type RouterOutputs } from "@planpulse/api";
import { getCaller, query } from "@planpulse/remix";
import { Breadcrumbs, FormErrorSummary, Notice } from "@planpulse/ui";
import { MEMBER_IMPORT_MAX_BYTES, MEMBER_IMPORT_PATH, MEMBER_INVITATIONS_PER_MINUTE } from "@planpulse/validators";

export const meta: MetaFunction = () => [{ title: "Import members · Plan Pulse staff workspace" }];

type Progress = RouterOutputs["memberImport"]["status"];

export async function loader(args: LoaderFunctionArgs) {
  const importId = new URL(args.request.url).searchParams.get("import");
  // Admins only: the same check as the procedures behind this page.
  if (!importId) {
    await query(args, (caller) => caller.people.invitations());
    return { progress: null as Progress | null };
  }
  const progress = await query(args, (caller) => caller.memberImport.status({ importId }));
  return { progress };
}

type Check = RouterOutputs["memberImport"]["check"];
type ActionResult = { check: Check; fileName: string } | { formError: string };

const MB = 1024 * 1024;
const TOO_LARGE = `The file is larger than ${MEMBER_IMPORT_MAX_BYTES / MB} MB, the most a member import takes; nothing was changed. Split it into smaller files.`;

export async function action(args: ActionFunctionArgs) {
  const declared = Number(args.request.headers.get("content-length") ?? 0);
  // Refused before reading a byte of it when the browser says how big it is.
  if (declared > MEMBER_IMPORT_MAX_BYTES + 64 * 1024) return data<ActionResult>({ formError: TOO_LARGE }, { status: 413 });
  const caller = await getCaller(args);
  const contentType = args.request.headers.get("content-type") ?? "";
  try {
    if (!contentType.startsWith("multipart/form-data")) {
      const form = await args.request.formData();
      const applied = await caller.memberImport.start({ importId: String(form.get("importId") ?? ""), invite: form.get("invite") === "on" });
      return redirect(`${MEMBER_IMPORT_PATH}?import=${applied.id}`);
    }
    const form = await unstable_parseMultipartFormData(args.request, unstable_createMemoryUploadHandler({ maxPartSize: MEMBER_IMPORT_MAX_BYTES }));
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return data<ActionResult>({ formError: "Choose a CSV file to upload." }, { status: 400 });
    const check = await caller.memberImport.check({ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return data<ActionResult>({ check, fileName: file.name }, { status: check.ok ? 200 : 400 });
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data<ActionResult>({ formError: TOO_LARGE }, { status: 413 });
    const problem = toHttpProblem(error);
    if (problem.status === 401) return redirect(`/login?redirectTo=${encodeURIComponent(MEMBER_IMPORT_PATH)}`);
    return data<ActionResult>({ formError: problem.message }, { status: problem.status });
  }
}

function ProgressPanel({ progress }: { progress: Progress }) {
  const percent = progress.rows ? Math.floor((progress.doneRows / progress.rows) * 100) : 100;
  return (
    <section className="card section" aria-labelledby="import-progress">
      <h2 id="import-progress">{progress.status === "applied" ? "Import finished" : progress.status === "failed" ? "Import stopped" : "Importing members…"}</h2>
      <p>{progress.fileName}</p>
      <label htmlFor="import-progress-bar" className="field__label">
        {progress.doneRows.toLocaleString("en-US")} of {progress.rows.toLocaleString("en-US")} members ({percent}%)
      </label>
      <progress id="import-progress-bar" max={progress.rows || 1} value={progress.doneRows} style={{ width: "100%" }} />
      <p>
        {progress.created.toLocaleString("en-US")} created · {progress.updated.toLocaleString("en-US")} updated · {progress.unchanged.toLocaleString("en-US")}{" "}
        unchanged
        {progress.invited > 0 ? ` · ${progress.invited.toLocaleString("en-US")} invitations queued` : ""}
      </p>
      {progress.status === "failed" ? <Notice tone="error">{progress.error}</Notice> : null}
      {progress.status === "applying" ? (
        <p className="field__hint">This page refreshes itself every two seconds; you may leave it, the import goes on.</p>
      ) : null}
    </section>
  );
}

export default function ImportMembers() {
  const { progress } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const check = result && "check" in result ? result.check : null;
  return (
    <>
      {/* Without JavaScript too: the browser reloads the page while the import runs. */}
      {progress?.status === "applying" ? <meta httpEquiv="refresh" content="2" /> : null}
      <Breadcrumbs trail={[{ label: "People", to: "/users" }]} current="Import members" />
      <h1>Import members</h1>
      {progress ? <ProgressPanel progress={progress} /> : null}
      <section className="card section" aria-labelledby="import-upload">
        <h2 id="import-upload">1. Check a file</h2>
        <p>
          A CSV file saved as UTF-8, with a header line. Columns: <strong>email</strong> and <strong>name</strong> (required), <strong>member id</strong>, and
          one column per profile question by its name, as listed under <Link to="/settings/profile-questions">profile questions</Link> (several answers
          separated by “;”). Answers imported here are verified: members see them but cannot change them.
        </p>
        <p className="field__hint">Checking changes nothing. Importing the same file again changes nothing either.</p>
        {result && "formError" in result ? <FormErrorSummary message={result.formError} /> : null}
        <Form method="post" encType="multipart/form-data">
          <div className="field">
            <label htmlFor="import-file" className="field__label">
              Member file (CSV, up to {MEMBER_IMPORT_MAX_BYTES / MB} MB)
            </label>
            <input id="import-file" name="file" type="file" accept=".csv,text/csv" required className="field__input" />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Checking…" : "Check file"}
          </button>
        </Form>
      </section>
      {check && !check.ok ? (
        <section className="card section" aria-labelledby="import-problems">
          <h2 id="import-problems">
            {check.problemCount} problem{check.problemCount === 1 ? "" : "s"} in {result && "fileName" in result ? result.fileName : "the file"}; nothing was
            changed
          </h2>
          <div className="table-scroll">
            <table className="data data--compact">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {check.problems.map((problem, index) => (
                  <tr key={index}>
                    <td>{problem.line > 0 ? problem.line : "—"}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {check.problemCount > check.problems.length ? <p>… and {check.problemCount - check.problems.length} more.</p> : null}
        </section>
      ) : null}
      {check?.ok ? (
        <section className="card section" aria-labelledby="import-preview">
          <h2 id="import-preview">2. What the import will do</h2>
          <p>
            {check.preview.rows.toLocaleString("en-US")} members: <strong>{check.preview.create.toLocaleString("en-US")} to create</strong>,{" "}
            <strong>{check.preview.update.toLocaleString("en-US")} to update</strong>, {check.preview.unchanged.toLocaleString("en-US")} unchanged.
          </p>
          {check.preview.samples.create.length ? (
            <>
              <h3>New members (first {check.preview.samples.create.length})</h3>
              <ul>
                {check.preview.samples.create.map((row) => (
                  <li key={row.line}>
                    Line {row.line}: {row.name} ({row.email})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {check.preview.samples.update.length ? (
            <>
              <h3>Updated members (first {check.preview.samples.update.length})</h3>
              <ul>
                {check.preview.samples.update.map((row) => (
                  <li key={row.line}>
                    Line {row.line}: {row.email} — {row.changes.join(", ")}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Form method="post">
            <input type="hidden" name="importId" value={check.importId} />
            {check.preview.create > 0 ? (
              <div className="field">
                <label className="checkbox">
                  <input type="checkbox" name="invite" aria-describedby="import-invite-hint" />
                  <span>Send an invitation to each of the {check.preview.create.toLocaleString("en-US")} new members</span>
                </label>
                <p id="import-invite-hint" className="field__hint">
                  Each new member gets one message with a link to choose a password (valid 7 days), or to sign in with the association&apos;s account where that
                  is set up. Messages leave at most {MEMBER_INVITATIONS_PER_MINUTE} a minute; importing again never sends a second one.
                </p>
              </div>
            ) : null}
            <button type="submit" className="button" disabled={busy || check.preview.create + check.preview.update === 0}>
              {check.preview.create + check.preview.update === 0 ? "Nothing to import" : `Import ${check.preview.rows.toLocaleString("en-US")} members`}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
