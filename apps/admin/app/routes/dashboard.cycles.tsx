import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { RouterOutputs } from "@planpulse/api";
import { query } from "@planpulse/remix";
import { Breadcrumbs, FewerThanFive } from "@planpulse/ui";
import { CycleSlugSchema } from "@planpulse/validators";
import { STANCES, STANCE_WORDS } from "@planpulse/validators/domain";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Compare plan cycles", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const cycles = await query(args, (caller) => caller.plan.cycles());
  const known = (value: string | null) => {
    const parsed = CycleSlugSchema.safeParse(value ?? "");
    return parsed.success && cycles.some((c) => c.slug === parsed.data) ? parsed.data : null;
  };
  // By default the newest archived cycle beside the current one.
  const a = known(url.searchParams.get("a")) ?? cycles.find((c) => c.status === "archived")?.slug ?? null;
  const b = known(url.searchParams.get("b")) ?? cycles.find((c) => c.status === "active")?.slug ?? null;
  const comparison = a && b ? await query(args, (caller) => caller.plan.compareCycles({ a, b })) : null;
  return { cycles, a, b, comparison };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

type Summary = RouterOutputs["plan"]["compareCycles"]["a"];

function CycleTable({ summary }: { summary: Summary }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`Figures of ${summary.cycle.name}`}>
      <table className="data">
        <caption>
          {summary.cycle.name} {summary.cycle.status === "archived" ? "(archived)" : "(current)"}
        </caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Supporters</th>
            <th scope="col">Stance: {STANCES.map((stance) => STANCE_WORDS[stance]).join(" / ")}</th>
            <th scope="col">Comments</th>
            <th scope="col">Progress</th>
          </tr>
        </thead>
        <tbody>
          {summary.domains.map((d) => (
            <tr key={d.name}>
              <th scope="row">{d.name}</th>
              <td>{d.supporters}</td>
              <td>
                {d.stanceShares ? (
                  `${percent(d.stanceShares.support)} / ${percent(d.stanceShares.neutral)} / ${percent(d.stanceShares.concern)} (n = ${d.stances})`
                ) : (
                  <FewerThanFive />
                )}
              </td>
              <td>{d.comments}</td>
              <td>{d.progress}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Two plan cycles side by side, per domain (decision 024). */
export default function CompareCycles() {
  const { cycles, a, b, comparison } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Dashboard", to: "/dashboard" }]} current="Compare cycles" />
      <h1>Compare plan cycles</h1>
      {cycles.length < 2 ? (
        <p>There is one plan cycle so far. When an administrator starts a new cycle, the previous one can be compared here.</p>
      ) : (
        <Form method="get" className="ws-actions">
          {(["a", "b"] as const).map((side) => (
            <div className="field" key={side}>
              <label className="field__label" htmlFor={`cycle-${side}`}>
                {side === "a" ? "First cycle" : "Second cycle"}
              </label>
              <select id={`cycle-${side}`} name={side} defaultValue={(side === "a" ? a : b) ?? ""} className="field__input field__input--select">
                {cycles.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" className="button button--secondary">
            Compare
          </button>
        </Form>
      )}
      {comparison ? (
        <div className="cycle-compare" style={{ display: "grid", gap: "1.5rem", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 26rem), 1fr))" }}>
          <CycleTable summary={comparison.a} />
          <CycleTable summary={comparison.b} />
        </div>
      ) : null}
      <p className="ws-small">Supporters: members who support at least one objective of the domain. Stance shares of fewer than 5 members are not shown.</p>
    </>
  );
}
