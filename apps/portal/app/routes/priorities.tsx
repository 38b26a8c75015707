import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrorSummary, Notice, PriorityShare, UrgentBadge } from "@planpulse/ui";
import { toHttpProblem } from "@planpulse/api";
import { getCaller, query } from "@planpulse/remix";
import { overBudgetMessage, PRIORITY_POINTS_BUDGET, PRIORITY_POINTS_PER_OBJECTIVE, PriorityPointsSchema } from "@planpulse/validators";
import { useState } from "react";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Help prioritize our work") }];

const FIELD_PREFIX = "points-";

export async function loader(args: LoaderFunctionArgs) {
  const [plan, figures, me] = await query(args, (caller) => Promise.all([caller.plan.get(), caller.engagement.figures(), caller.me.get()]));
  const saved: Record<string, number> = {};
  for (const [id, own] of Object.entries(figures.mine?.objectives ?? {})) if (own.points > 0) saved[id] = own.points;
  return {
    domains: plan.domains.map((d) => ({
      slug: d.slug,
      name: d.name,
      objectives: d.objectives.map((o) => ({ id: o.id, slug: o.slug, text: o.text, isUrgent: o.isUrgent, position: o.position })),
    })),
    shares: Object.fromEntries(Object.values(figures.objectives).map((f) => [f.objectiveId, f.priorityShare])),
    totals: figures.totals,
    signedIn: me !== null,
    saved,
  };
}

type ActionData = { formError: string; fieldErrors: Record<string, string[]>; values: Record<string, string> };

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const values: Record<string, string> = {};
  const fieldErrors: Record<string, string[]> = {};
  const allocations: { objectiveId: number; points: number }[] = [];
  for (const [name, value] of form) {
    if (!name.startsWith(FIELD_PREFIX) || typeof value !== "string") continue;
    const objectiveId = Number(name.slice(FIELD_PREFIX.length));
    if (!Number.isInteger(objectiveId) || objectiveId <= 0) continue;
    values[name] = value;
    const raw = value.trim();
    const parsed = PriorityPointsSchema.safeParse(raw === "" ? 0 : Number(raw));
    if (!parsed.success) fieldErrors[name] = [parsed.error.issues[0]?.message ?? `Enter a whole number from 0 to ${PRIORITY_POINTS_PER_OBJECTIVE}`];
    else if (parsed.data > 0) allocations.push({ objectiveId, points: parsed.data });
  }
  const spent = allocations.reduce((sum, a) => sum + a.points, 0);
  if (spent > PRIORITY_POINTS_BUDGET) fieldErrors.total = [overBudgetMessage(spent)];
  if (Object.keys(fieldErrors).length > 0) {
    return data<ActionData>({ formError: fieldErrors.total?.[0] ?? "Some points need another look.", fieldErrors, values }, { status: 400 });
  }
  const caller = await getCaller(args);
  try {
    await caller.priority.save({ allocations });
  } catch (error) {
    const problem = toHttpProblem(error);
    if (problem.status === 401) return redirect("/login?redirectTo=%2Fpriorities");
    return data<ActionData>({ formError: problem.message, fieldErrors: problem.fieldErrors ?? {}, values }, { status: problem.status });
  }
  return redirect("/priorities?saved=1");
}

function toPoints(value: string | undefined): number {
  const n = Number((value ?? "").trim() || 0);
  return Number.isFinite(n) ? n : 0;
}

export default function Priorities() {
  const { domains, shares, totals, signedIn, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const initial: Record<string, string> =
    result?.values ?? Object.fromEntries(domains.flatMap((d) => d.objectives.map((o) => [`${FIELD_PREFIX}${o.id}`, String(saved[o.id] ?? 0)])));
  const [points, setPoints] = useState(initial);
  const spent = Object.values(points).reduce((sum, v) => sum + Math.max(0, toPoints(v)), 0);
  const left = PRIORITY_POINTS_BUDGET - spent;
  const totalError = result?.fieldErrors.total?.[0];

  return (
    <>
      <h1>Help prioritize our work</h1>
      <div className="lede">
        <p>
          You have <strong>{PRIORITY_POINTS_BUDGET} points</strong> to spread across the plan&apos;s objectives, at most {PRIORITY_POINTS_PER_OBJECTIVE} on any
          one. Put them where you think the association should focus first. You can change them any time.
        </p>
        <p className="muted">
          Shares show each objective&apos;s part of all points placed so far by {totals.priorityMembers} {totals.priorityMembers === 1 ? "member" : "members"}.
        </p>
      </div>

      {params.get("saved") && !result ? <Notice tone="success">Your points are saved.</Notice> : null}
      {!signedIn ? (
        <Notice>
          <Link to="/login?redirectTo=%2Fpriorities">Sign in</Link> or <Link to="/signup?redirectTo=%2Fpriorities">create an account</Link> to place your
          points.
        </Notice>
      ) : null}
      <FormErrorSummary message={result?.formError} />

      <Form method="post" className="priorities-form" noValidate>
        {signedIn ? (
          <div className={`points-meter${left < 0 ? " points-meter--over" : ""}`} aria-live="polite" id="points-meter">
            <span className="points-meter__value">{left < 0 ? `${-left} over` : `${left} of ${PRIORITY_POINTS_BUDGET}`}</span>{" "}
            <span>{left < 0 ? "— take some off before saving" : "points left"}</span>
            {totalError ? (
              <p className="field__error" id="points-total-error">
                <span aria-hidden="true">⚠ </span>
                {totalError}
              </p>
            ) : null}
          </div>
        ) : null}

        {domains.map((domain) => (
          <fieldset key={domain.slug} className="priority-group">
            <legend>{domain.name}</legend>
            <ul className="priority-list">
              {domain.objectives.map((objective) => {
                const name = `${FIELD_PREFIX}${objective.id}`;
                const error = result?.fieldErrors[name]?.[0];
                const inputId = `p-${objective.id}`;
                return (
                  <li key={objective.id} className={`priority-item${error ? " field--invalid" : ""}`}>
                    <div className="priority-item__text">
                      {objective.isUrgent ? <UrgentBadge /> : null}
                      {signedIn ? <label htmlFor={inputId}>{objective.text}</label> : <span>{objective.text}</span>}
                      <span className="priority-item__share" id={`${inputId}-share`}>
                        <PriorityShare share={shares[objective.id] ?? 0} members={totals.priorityMembers} />
                        {" · "}
                        <Link to={`/objectives/${objective.slug}`}>
                          Read more
                          <span className="visually-hidden">
                            {" "}
                            about objective {objective.position} of {domain.name}
                          </span>
                        </Link>
                      </span>
                      {error ? (
                        <p className="field__error" id={`${inputId}-error`}>
                          <span aria-hidden="true">⚠ </span>
                          {error}
                        </p>
                      ) : null}
                    </div>
                    {signedIn ? (
                      <input
                        id={inputId}
                        name={name}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={PRIORITY_POINTS_PER_OBJECTIVE}
                        step={1}
                        className="field__input field__input--narrow"
                        value={points[name] ?? "0"}
                        onChange={(event) => setPoints((current) => ({ ...current, [name]: event.target.value }))}
                        aria-invalid={error || (totalError && toPoints(points[name]) > 0) ? true : undefined}
                        aria-describedby={[`${inputId}-share`, error ? `${inputId}-error` : null, totalError ? "points-total-error" : null]
                          .filter(Boolean)
                          .join(" ")}
                      />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}

        {signedIn ? (
          <div className="form-actions">
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              Save my points
            </button>
            <span className="muted">{left >= 0 ? `${spent} of ${PRIORITY_POINTS_BUDGET} points placed` : overBudgetMessage(spent)}</span>
          </div>
        ) : null}
      </Form>
    </>
  );
}
