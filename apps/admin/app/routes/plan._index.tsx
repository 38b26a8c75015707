import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { FormErrorSummary, Notice, UrgentBadge, OrgDate } from "@planpulse/ui";
import { badIntent, runFormAction, type FormResult } from "../workspace-form.server";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Plan", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  return { plan: await query(args, (caller) => caller.planAdmin.get()) };
}

function versionNote(result: { changed: boolean; version: number }, what: string) {
  return result.changed ? `${what} Plan version ${result.version} recorded.` : "Nothing changed, so no new version was made.";
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const value = (name: string) => String(form.get(name) ?? "");
  const id = (name: string) => Number(value(name));
  switch (intent) {
    case "statement":
      return runFormAction(args, form, async (c) =>
        versionNote(await c.planAdmin.updateStatement({ mission: value("mission"), vision: value("vision"), values: value("values") }), "Saved."),
      );
    case "domain-goal":
      return runFormAction(args, form, async (c) =>
        versionNote(await c.planAdmin.updateDomainGoal({ domainId: id("domainId"), goalStatement: value("goalStatement") }), "Goal statement saved."),
      );
    case "objective":
      return runFormAction(args, form, async (c) =>
        versionNote(
          await c.planAdmin.updateObjective({ objectiveId: id("objectiveId"), text: value("text"), isUrgent: form.get("isUrgent") === "on" }),
          "Objective saved.",
        ),
      );
    case "add-objective":
      return runFormAction(args, form, async (c) =>
        versionNote(
          await c.planAdmin.addObjective({ domainId: id("domainId"), text: value("text"), isUrgent: form.get("isUrgent") === "on" }),
          "Objective added.",
        ),
      );
    case "move-up":
    case "move-down":
      return runFormAction(args, form, async (c) =>
        versionNote(await c.planAdmin.moveObjective({ objectiveId: id("objectiveId"), direction: intent === "move-up" ? "up" : "down" }), "Moved."),
      );
    case "retire":
      return runFormAction(args, form, async (c) =>
        versionNote(
          await c.planAdmin.retireObjective({ objectiveId: id("objectiveId"), reason: value("reason") }),
          "Objective retired: it no longer shows in the portal's lists.",
        ),
      );
    case "add-domain":
      return runFormAction(args, form, async (c) =>
        versionNote(await c.planAdmin.addDomain({ name: value("name"), goalStatement: value("goalStatement") }), "Domain added."),
      );
    case "rename-domain":
      return runFormAction(args, form, async (c) =>
        versionNote(await c.planAdmin.renameDomain({ domainId: id("domainId"), name: value("name") }), "Domain renamed."),
      );
    case "domain-up":
    case "domain-down":
      return runFormAction(args, form, async (c) =>
        versionNote(await c.planAdmin.moveDomain({ domainId: id("domainId"), direction: intent === "domain-up" ? "up" : "down" }), "Domain moved."),
      );
    case "retire-domain":
      return runFormAction(args, form, async (c) =>
        versionNote(
          await c.planAdmin.retireDomain({ domainId: id("domainId"), reason: value("reason") }),
          "Domain retired: it no longer shows in the current plan; its history stays.",
        ),
      );
    case "restore-domain":
      return runFormAction(args, form, async (c) => versionNote(await c.planAdmin.restoreDomain({ domainId: id("domainId") }), "Domain restored."));
    case "restore":
      return runFormAction(args, form, async (c) => versionNote(await c.planAdmin.restoreObjective({ objectiveId: id("objectiveId") }), "Objective restored."));
    default:
      return badIntent(intent);
  }
}

export default function PlanEditor() {
  const { plan } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  const err = (intent: string, field: string, target?: string) =>
    result && !result.ok && result.intent === intent && (!target || result.target === target) ? result.fieldErrors?.[field]?.[0] : undefined;
  const banner = (intent: string[], target?: string) =>
    result && intent.includes(result.intent) && (!target || result.target === target) ? (
      result.ok ? (
        <Notice tone="success">{result.message}</Notice>
      ) : (
        <FormErrorSummary message={result.message} />
      )
    ) : null;

  return (
    <>
      <h1>Plan</h1>
      <p className="ws-lead">
        {plan.cycle.name} (the current plan cycle) · version {plan.version}. Every saved change makes a new version; retired domains and objectives keep their
        votes and comments. To start a new cycle from a plan text, <Link to="/plan/import">import a plan</Link>; earlier cycles are listed under{" "}
        <Link to="/plan/cycles">plan cycles</Link>.
      </p>

      <section className="ws-section" aria-labelledby="statement-title">
        <h2 id="statement-title">Mission, vision and values</h2>
        {banner(["statement"])}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="statement" />
          {(["mission", "vision"] as const).map((field) => (
            <div className={`field${err("statement", field) ? " field--invalid" : ""}`} key={field}>
              <label className="field__label" htmlFor={`plan-${field}`}>
                {field === "mission" ? "Mission" : "Vision"}
              </label>
              <textarea
                id={`plan-${field}`}
                name={field}
                className="ws-textarea"
                defaultValue={plan[field]}
                key={`${field}-${plan.version}`}
                aria-invalid={err("statement", field) ? true : undefined}
              />
              {err("statement", field) ? <p className="field__error">⚠ {err("statement", field)}</p> : null}
            </div>
          ))}
          <div className={`field${err("statement", "values") ? " field--invalid" : ""}`}>
            <label className="field__label" htmlFor="plan-values">
              Values
            </label>
            <p className="field__hint">One value per line.</p>
            <textarea id="plan-values" name="values" className="ws-textarea" defaultValue={plan.values.join("\n")} key={`values-${plan.version}`} />
            {err("statement", "values") ? <p className="field__error">⚠ {err("statement", "values")}</p> : null}
          </div>
          <button type="submit" className="button" disabled={busy}>
            Save mission, vision and values
          </button>
        </Form>
      </section>

      {plan.domains.map((domain) => {
        const activeDomains = plan.domains.filter((d) => !d.retired);
        const domainIndex = activeDomains.findIndex((d) => d.id === domain.id);
        const target = `domain-${domain.id}`;
        return domain.retired ? (
          <section className="ws-section" key={domain.id} aria-labelledby={target}>
            <h2 id={target}>
              <span className="retired-badge">Retired</span> {domain.name}
            </h2>
            {/* The retire message shows here: the section the domain moved to once retired. */}
            {banner(["retire-domain", "restore-domain"], target)}
            <p className="ws-small">Hidden from the current plan with its {domain.objectives.length} objectives; their history stays.</p>
            <Form method="post">
              <input type="hidden" name="target" value={target} />
              <input type="hidden" name="domainId" value={domain.id} />
              <button type="submit" name="intent" value="restore-domain" className="button button--secondary ws-button-small">
                Restore {domain.name}
              </button>
            </Form>
          </section>
        ) : (
          <section className="ws-section" key={domain.id} aria-labelledby={target}>
            <h2 id={target}>{domain.name}</h2>
            {banner(["domain-goal", "add-objective", "rename-domain", "domain-up", "domain-down", "retire-domain"], target)}
            <Form method="post" noValidate className="ws-actions">
              <input type="hidden" name="target" value={target} />
              <input type="hidden" name="domainId" value={domain.id} />
              <div className={`field${err("rename-domain", "name", target) ? " field--invalid" : ""}`}>
                <label className="field__label" htmlFor={`name-${domain.id}`}>
                  Name of the domain
                </label>
                <input id={`name-${domain.id}`} name="name" className="field__input" defaultValue={domain.name} key={`n-${plan.version}`} maxLength={200} />
                {err("rename-domain", "name", target) ? <p className="field__error">⚠ {err("rename-domain", "name", target)}</p> : null}
              </div>
              <button type="submit" name="intent" value="rename-domain" className="button button--secondary ws-button-small">
                Rename
              </button>
              <button
                type="submit"
                name="intent"
                value="domain-up"
                className="button button--secondary ws-button-small"
                disabled={domainIndex === 0}
                aria-label={`Move ${domain.name} up`}
              >
                ↑ Up
              </button>
              <button
                type="submit"
                name="intent"
                value="domain-down"
                className="button button--secondary ws-button-small"
                disabled={domainIndex === activeDomains.length - 1}
                aria-label={`Move ${domain.name} down`}
              >
                ↓ Down
              </button>
              <button type="submit" name="intent" value="retire-domain" className="button ws-danger ws-button-small" aria-label={`Retire ${domain.name}`}>
                Retire domain
              </button>
            </Form>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="domain-goal" />
              <input type="hidden" name="target" value={`domain-${domain.id}`} />
              <input type="hidden" name="domainId" value={domain.id} />
              <div className={`field${err("domain-goal", "goalStatement", `domain-${domain.id}`) ? " field--invalid" : ""}`}>
                <label className="field__label" htmlFor={`goal-${domain.id}`}>
                  Goal statement of {domain.name}
                </label>
                <textarea id={`goal-${domain.id}`} name="goalStatement" className="ws-textarea" defaultValue={domain.goalStatement} key={`g-${plan.version}`} />
                {err("domain-goal", "goalStatement", `domain-${domain.id}`) ? (
                  <p className="field__error">⚠ {err("domain-goal", "goalStatement", `domain-${domain.id}`)}</p>
                ) : null}
              </div>
              <button type="submit" className="button button--secondary">
                Save goal statement
              </button>
            </Form>

            <h3 style={{ marginTop: "1.25rem" }}>Objectives</h3>
            <ol className="plan-objectives">
              {domain.objectives.map((o, index) => {
                const target = `objective-${o.id}`;
                const active = domain.objectives.filter((x) => !x.retired);
                const activeIndex = active.findIndex((x) => x.id === o.id);
                return (
                  <li key={o.id} className={`plan-objective${o.retired ? " plan-objective--retired" : ""}`} id={target}>
                    <div>
                      {banner(["objective", "move-up", "move-down", "retire", "restore"], target)}
                      {o.retired ? (
                        <p>
                          <span className="retired-badge">Retired</span> {o.text} <span className="ws-small">({o.slug})</span>
                        </p>
                      ) : (
                        <Form method="post" noValidate>
                          <input type="hidden" name="intent" value="objective" />
                          <input type="hidden" name="target" value={target} />
                          <input type="hidden" name="objectiveId" value={o.id} />
                          <label className="visually-hidden" htmlFor={`text-${o.id}`}>
                            Text of objective {index + 1} in {domain.name}
                          </label>
                          {o.isUrgent ? <UrgentBadge /> : null}
                          <textarea
                            id={`text-${o.id}`}
                            name="text"
                            className="ws-textarea"
                            style={{ minHeight: "4rem" }}
                            defaultValue={o.text}
                            key={`t-${plan.version}`}
                            aria-invalid={err("objective", "text", target) ? true : undefined}
                          />
                          {err("objective", "text", target) ? <span className="ws-field-error">⚠ {err("objective", "text", target)}</span> : null}
                          <div className="ws-actions" style={{ marginTop: "0.4rem" }}>
                            <label>
                              <input type="checkbox" name="isUrgent" defaultChecked={o.isUrgent} key={`u-${plan.version}`} /> Urgent priority
                            </label>
                            <button type="submit" className="button button--secondary ws-button-small">
                              Save objective
                            </button>
                            <span className="ws-small">{o.slug}</span>
                          </div>
                        </Form>
                      )}
                    </div>
                    <Form method="post" className="plan-objective__moves">
                      <input type="hidden" name="objectiveId" value={o.id} />
                      <input type="hidden" name="target" value={target} />
                      {o.retired ? (
                        <button type="submit" name="intent" value="restore" className="button button--secondary ws-button-small">
                          Restore
                        </button>
                      ) : (
                        <>
                          <button
                            type="submit"
                            name="intent"
                            value="move-up"
                            className="button button--secondary ws-button-small"
                            disabled={activeIndex === 0}
                            aria-label={`Move objective ${activeIndex + 1} up`}
                          >
                            ↑ Up
                          </button>
                          <button
                            type="submit"
                            name="intent"
                            value="move-down"
                            className="button button--secondary ws-button-small"
                            disabled={activeIndex === active.length - 1}
                            aria-label={`Move objective ${activeIndex + 1} down`}
                          >
                            ↓ Down
                          </button>
                          <button
                            type="submit"
                            name="intent"
                            value="retire"
                            className="button ws-danger ws-button-small"
                            aria-label={`Retire objective ${activeIndex + 1}`}
                          >
                            Retire
                          </button>
                        </>
                      )}
                    </Form>
                  </li>
                );
              })}
            </ol>
            <Form method="post" noValidate style={{ marginTop: "1rem" }}>
              <input type="hidden" name="intent" value="add-objective" />
              <input type="hidden" name="target" value={`domain-${domain.id}`} />
              <input type="hidden" name="domainId" value={domain.id} />
              <div className={`field${err("add-objective", "text", `domain-${domain.id}`) ? " field--invalid" : ""}`}>
                <label className="field__label" htmlFor={`new-objective-${domain.id}`}>
                  Add an objective to {domain.name}
                </label>
                <textarea id={`new-objective-${domain.id}`} name="text" className="ws-textarea" style={{ minHeight: "3.5rem" }} />
                {err("add-objective", "text", `domain-${domain.id}`) ? (
                  <p className="field__error">⚠ {err("add-objective", "text", `domain-${domain.id}`)}</p>
                ) : null}
              </div>
              <div className="ws-actions">
                <label>
                  <input type="checkbox" name="isUrgent" /> Urgent priority
                </label>
                <button type="submit" className="button button--secondary">
                  Add objective
                </button>
              </div>
            </Form>
          </section>
        );
      })}

      <section className="ws-section" aria-labelledby="add-domain-title">
        <h2 id="add-domain-title">Add a domain</h2>
        {banner(["add-domain"])}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add-domain" />
          <div className={`field${err("add-domain", "name") ? " field--invalid" : ""}`}>
            <label className="field__label" htmlFor="new-domain-name">
              Name
            </label>
            <input id="new-domain-name" name="name" className="field__input" maxLength={200} />
            {err("add-domain", "name") ? <p className="field__error">⚠ {err("add-domain", "name")}</p> : null}
          </div>
          <div className={`field${err("add-domain", "goalStatement") ? " field--invalid" : ""}`}>
            <label className="field__label" htmlFor="new-domain-goal">
              Goal statement
            </label>
            <textarea id="new-domain-goal" name="goalStatement" className="ws-textarea" />
            {err("add-domain", "goalStatement") ? <p className="field__error">⚠ {err("add-domain", "goalStatement")}</p> : null}
          </div>
          <button type="submit" className="button button--secondary" disabled={busy}>
            Add domain
          </button>
        </Form>
      </section>

      <section className="ws-section" aria-labelledby="versions-title">
        <h2 id="versions-title">Version history</h2>
        {plan.versions.length === 0 ? (
          <p className="ws-small">No versions have been recorded yet.</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="data">
              <caption className="visually-hidden">Plan versions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">What changed</th>
                  <th scope="col">Who</th>
                  <th scope="col">When (UTC)</th>
                </tr>
              </thead>
              <tbody>
                {plan.versions.map((v) => (
                  <tr key={v.version}>
                    <td>{v.version}</td>
                    <td>{v.summary}</td>
                    <td>{v.actorName ?? "System"}</td>
                    <td>
                      <OrgDate iso={v.createdAt} time />
                    </td>
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
