import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { FormErrorSummary, Notice, OrgDate } from "@planpulse/ui";
import { ROLE_LABELS, ROLES } from "@planpulse/validators/domain";
import type { loader as rootLoader } from "../root";
import { badIntent, runFormAction, type FormResult } from "../workspace-form.server";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "People", " staff workspace") }];

const ROLE_CHOICES = ROLES.map((role) => [role, ROLE_LABELS[role]] as const);

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const q = url.searchParams.get("q") ?? "";
  const page = url.searchParams.get("page") ?? "1";
  const [people, invitations] = await query(args, (caller) => Promise.all([caller.people.list({ q, page }), caller.people.invitations()]));
  return { q, people, invitations };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const value = (name: string) => String(form.get(name) ?? "");
  const userId = Number(value("userId"));
  switch (intent) {
    case "role":
      return runFormAction(args, form, async (c) =>
        (await c.people.changeRole({ userId, role: value("role") as "member" })).changed ? "Role changed." : "That is already their role.",
      );
    case "suspend":
      return runFormAction(args, form, async (c) => {
        await c.people.suspend({ userId, reason: value("reason") });
        return "Account suspended and signed out everywhere.";
      });
    case "reinstate":
      return runFormAction(args, form, async (c) => {
        await c.people.reinstate({ userId });
        return "Account reinstated.";
      });
    case "domains":
      return runFormAction(args, form, async (c) =>
        (await c.people.assignDomains({ userId, domainIds: form.getAll("domainId").map(Number) })).changed ? "Domains saved." : "No change to their domains.",
      );
    case "invite":
      return runFormAction(args, form, async (c) => {
        const invite = await c.people.invite({ email: value("email"), role: value("role") as "staff" });
        return invite.delivery === "outbox"
          ? `Invitation created. No mail server is configured: send this link to them yourself. It is shown only now and is not stored anywhere: ${invite.link}`
          : `Invitation sent. The link works once, for 7 days.`;
      });
    default:
      return badIntent(intent);
  }
}

export default function People() {
  const { q, people, invitations } = useLoaderData<typeof loader>();
  const me = useRouteLoaderData<typeof rootLoader>("root")?.me;
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  const err = (intent: string, field: string) => (result && !result.ok && result.intent === intent ? result.fieldErrors?.[field]?.[0] : undefined);
  const rowBanner = (userId: number) =>
    result && result.target === String(userId) ? (
      result.ok ? (
        <Notice tone="success">{result.message}</Notice>
      ) : (
        <FormErrorSummary message={result.message} />
      )
    ) : null;

  return (
    <>
      <h1>People</h1>
      <Form method="get" className="filter-bar" role="search">
        <label>
          Find by name or email
          <input type="search" name="q" className="ws-input" defaultValue={q} maxLength={200} />
        </label>
        <button type="submit" className="button">
          Search
        </button>
        <Link to="/outbox">Outbox</Link>
        <Link to="/users/import">Import members</Link>
      </Form>
      <p>
        {people.total} {people.total === 1 ? "person" : "people"}
        {q ? ` matching “${q}”` : ""} · page {people.page} of {people.pageCount}
      </p>
      <div className="table-scroll" tabIndex={0}>
        <table className="data">
          <caption className="visually-hidden">Accounts, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Domains (staff)</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {people.people.map((p) => (
              <tr key={p.id} id={`user-${p.id}`}>
                <td>
                  <strong>{p.displayName}</strong>
                  <br />
                  <span className="ws-small">{p.email}</span>
                  <br />
                  <span className="ws-small">
                    Joined <OrgDate iso={p.createdAt} />
                  </span>
                  {rowBanner(p.id)}
                </td>
                <td>
                  <Form method="post" className="ws-inline-form">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="target" value={p.id} />
                    <input type="hidden" name="userId" value={p.id} />
                    <label className="visually-hidden" htmlFor={`role-${p.id}`}>
                      Role of {p.displayName}
                    </label>
                    <select id={`role-${p.id}`} name="role" className="ws-select" defaultValue={p.role} key={p.role}>
                      {ROLE_CHOICES.map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button button--secondary ws-button-small">
                      Change role
                    </button>
                  </Form>
                </td>
                <td>
                  {p.role === "staff" || p.domainIds.length > 0 ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="domains" />
                      <input type="hidden" name="target" value={p.id} />
                      <input type="hidden" name="userId" value={p.id} />
                      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                        <legend className="visually-hidden">Domains {p.displayName} reports progress for</legend>
                        {people.domains.map((d) => (
                          <label key={d.id} style={{ display: "block" }} className="ws-small">
                            <input type="checkbox" name="domainId" value={d.id} defaultChecked={p.domainIds.includes(d.id)} /> {d.name}
                          </label>
                        ))}
                      </fieldset>
                      <button type="submit" className="button button--secondary ws-button-small">
                        Save domains
                      </button>
                    </Form>
                  ) : (
                    <span className="ws-small">—</span>
                  )}
                </td>
                <td>
                  {p.suspended ? (
                    <Form method="post" className="ws-inline-form">
                      <input type="hidden" name="intent" value="reinstate" />
                      <input type="hidden" name="target" value={p.id} />
                      <input type="hidden" name="userId" value={p.id} />
                      <span className="status status--off_track">Suspended</span>
                      <button type="submit" className="button button--secondary ws-button-small">
                        Reinstate
                      </button>
                    </Form>
                  ) : p.id === me?.id ? (
                    <span className="ws-small">This is you</span>
                  ) : (
                    <Form method="post" className="ws-inline-form">
                      <input type="hidden" name="intent" value="suspend" />
                      <input type="hidden" name="target" value={p.id} />
                      <input type="hidden" name="userId" value={p.id} />
                      <label className="visually-hidden" htmlFor={`reason-${p.id}`}>
                        Reason for suspending {p.displayName}
                      </label>
                      <input id={`reason-${p.id}`} name="reason" className="ws-input" placeholder="Reason" maxLength={500} required />
                      <button type="submit" className="button ws-danger ws-button-small">
                        Suspend
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {people.pageCount > 1 ? (
        <nav className="pager" aria-label="People pages">
          {people.page > 1 ? <Link to={`?q=${encodeURIComponent(q)}&page=${people.page - 1}`}>← Previous</Link> : null}
          <span>
            Page {people.page} of {people.pageCount}
          </span>
          {people.page < people.pageCount ? <Link to={`?q=${encodeURIComponent(q)}&page=${people.page + 1}`}>Next →</Link> : null}
        </nav>
      ) : null}

      <section className="ws-section" aria-labelledby="invite-title" style={{ marginTop: "2rem" }}>
        <h2 id="invite-title">Invite staff</h2>
        <p className="ws-small">The invitee gets a link that works once, for 7 days, to set their name and password (or sign in, if they have an account).</p>
        {result?.intent === "invite" ? result.ok ? <Notice tone="success">{result.message}</Notice> : <FormErrorSummary message={result.message} /> : null}
        <Form method="post" className="ws-actions" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <label>
            <span className="ws-small">Email </span>
            <input type="email" name="email" className="ws-input" maxLength={254} aria-invalid={err("invite", "email") ? true : undefined} />
            {err("invite", "email") ? <span className="ws-field-error">⚠ {err("invite", "email")}</span> : null}
          </label>
          <label>
            <span className="ws-small">Role </span>
            <select name="role" className="ws-select" defaultValue="staff">
              {ROLE_CHOICES.filter(([r]) => r !== "member").map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={busy}>
            Send invitation
          </button>
        </Form>
        {invitations.length > 0 ? (
          <div className="table-scroll" tabIndex={0}>
            <table className="data" style={{ marginTop: "1rem" }}>
              <caption className="visually-hidden">Recent invitations</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{ROLE_LABELS[i.role]}</td>
                    <td>{i.status === "pending" ? "Waiting" : i.status === "accepted" ? "Accepted" : "Expired"}</td>
                    <td>
                      <OrgDate iso={i.expiresAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
