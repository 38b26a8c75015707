import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { Notice, OrgDate } from "@planpulse/ui";
import { parseAuditFilters } from "../audit-filters.server";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Audit log", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const parsed = parseAuditFilters(url);
  if (!parsed.ok) {
    // Still check the role, so a bad URL never reveals the page to someone who may not see it.
    const page = await query(args, (caller) => caller.audit.list({ page: 1 }));
    return { raw: parsed.raw, errors: parsed.errors, page: { ...page, entries: [], total: 0 } };
  }
  return { raw: parsed.raw, errors: null, page: await query(args, (caller) => caller.audit.list(parsed.filter)) };
}

export default function AuditLog() {
  const { raw, errors, page } = useLoaderData<typeof loader>();
  const params = (overrides: Record<string, string>) => {
    const search = new URLSearchParams(Object.entries({ ...raw, ...overrides }).filter(([, v]) => v !== ""));
    return search.toString();
  };
  return (
    <>
      <h1>Audit log</h1>
      <p className="ws-lead">Every moderation, response, progress, plan and role change, as it happened. Entries can never be edited or removed.</p>
      <Form method="get" className="filter-bar ws-section" aria-label="Filter the audit log">
        <label>
          Who
          <select name="actorId" className="ws-select" defaultValue={raw.actorId}>
            <option value="">Anyone</option>
            {page.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select name="action" className="ws-select" defaultValue={raw.action}>
            <option value="">Any action</option>
            {page.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          From (UTC)
          <input
            type="date"
            name="from"
            className="ws-input"
            defaultValue={raw.from}
            aria-invalid={errors?.from ? true : undefined}
            aria-describedby={errors?.from ? "from-error" : undefined}
          />
          {errors?.from ? (
            <span className="ws-field-error" id="from-error">
              ⚠ {errors.from}
            </span>
          ) : null}
        </label>
        <label>
          To (UTC, inclusive)
          <input
            type="date"
            name="to"
            className="ws-input"
            defaultValue={raw.to}
            aria-invalid={errors?.to ? true : undefined}
            aria-describedby={errors?.to ? "to-error" : undefined}
          />
          {errors?.to ? (
            <span className="ws-field-error" id="to-error">
              ⚠ {errors.to}
            </span>
          ) : null}
        </label>
        <button type="submit" className="button">
          Filter
        </button>
        <a className="button button--secondary" href={`/audit.csv?${params({ page: "" })}`} download>
          Download CSV
        </a>
      </Form>
      {errors ? <Notice tone="error">The filters need another look: {Object.values(errors).join(" ")}</Notice> : null}
      {!errors ? (
        <p>
          {page.total} {page.total === 1 ? "entry" : "entries"} · page {page.page} of {page.pageCount}
        </p>
      ) : null}
      {page.entries.length > 0 ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data">
            <caption className="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
                <th scope="col">Reason</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <OrgDate iso={e.createdAt} time />
                  </td>
                  <td>{e.actorName ?? "System"}</td>
                  <td>{e.action}</td>
                  <td>
                    {e.targetType} {e.targetId}
                  </td>
                  <td>{e.reason ?? ""}</td>
                  <td>
                    {e.changes.length === 0 ? (
                      <span className="ws-small">—</span>
                    ) : (
                      <ul className="diff-list">
                        {e.changes.map((c) => (
                          <li key={c.field}>
                            <strong>{c.field}</strong>: {c.before !== "—" ? <del>{truncate(c.before)}</del> : null}
                            {c.before !== "—" && c.after !== "—" ? " → " : null}
                            {c.after !== "—" ? <ins>{truncate(c.after)}</ins> : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : !errors ? (
        <p>No entries match these filters.</p>
      ) : null}
      {!errors && page.pageCount > 1 ? (
        <nav className="pager" aria-label="Audit log pages">
          {page.page > 1 ? <Link to={`?${params({ page: String(page.page - 1) })}`}>← Newer</Link> : null}
          <span>
            Page {page.page} of {page.pageCount}
          </span>
          {page.page < page.pageCount ? <Link to={`?${params({ page: String(page.page + 1) })}`}>Older →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

function truncate(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}
