import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Breadcrumbs, ObjectiveRow } from "@planpulse/ui";
import { pageShowsObjectives, query } from "@planpulse/remix";
import { DomainSortSchema, type DomainSort } from "@planpulse/validators";
import { rowFigures } from "../components/engagement/row-figures";
import { pageTitle } from "../page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, `${data.domain.name}`) : pageTitle(matches, "Domain not found") },
];

const SORT_LABELS: Record<DomainSort, string> = {
  plan: "Plan order",
  supported: "Most supported",
  discussed: "Most discussed",
  urgent: "Urgent first",
};

export async function loader(args: LoaderFunctionArgs) {
  const slug = args.params.slug ?? "";
  const sort = DomainSortSchema.parse(new URL(args.request.url).searchParams.get("sort") ?? "plan");
  const domain = await query(args, (caller) => caller.domain.get({ slug }));
  const figures = await query(args, (caller) => caller.engagement.figures(domain.cycle.status === "archived" ? { cycleSlug: domain.cycle.slug } : undefined));
  const by = (id: number) => figures.objectives[id];
  const objectives = [...domain.objectives].sort((a, b) => {
    const tie = a.position - b.position;
    switch (sort) {
      case "supported":
        return (by(b.id)?.supports ?? 0) - (by(a.id)?.supports ?? 0) || tie;
      case "discussed":
        return (by(b.id)?.comments ?? 0) - (by(a.id)?.comments ?? 0) || tie;
      case "urgent":
        return Number(b.isUrgent) - Number(a.isUrgent) || tie;
      default:
        return tie;
    }
  });
  // Only this domain's objectives' figures go into the page: its visitor copy then stays cached
  // across writes to other domains' objectives (decision 026), and the page is smaller.
  const ids = objectives.map((objective) => objective.id);
  pageShowsObjectives(args, ids);
  const only = <T,>(all: Record<number, T>) => Object.fromEntries(ids.filter((id) => all[id] !== undefined).map((id) => [id, all[id]!])) as Record<number, T>;
  const shown = {
    ...figures,
    objectives: only(figures.objectives),
    mine: figures.mine ? { ...figures.mine, objectives: only(figures.mine.objectives) } : null,
  };
  return { domain: { ...domain, objectives }, figures: shown, sort };
}

export default function DomainPage() {
  const { domain, figures, sort } = useLoaderData<typeof loader>();
  const archived = domain.cycle.status === "archived";
  return (
    <>
      <Breadcrumbs
        trail={[archived ? { label: domain.cycle.name, to: `/plans/${domain.cycle.slug}` } : { label: "The plan", to: "/" }]}
        current={domain.name}
      />
      <h1>{domain.name}</h1>
      {archived ? (
        <p className="retired-note">
          <span className="retired-badge">Archived</span> This domain belongs to “{domain.cycle.name}”, an archived plan cycle: read-only.
        </p>
      ) : domain.retiredAt ? (
        <p className="retired-note">
          <span className="retired-badge">Retired</span> This domain has been retired from the plan. Its history stays here to read.
        </p>
      ) : null}
      {domain.aliases.length > 0 ? <p className="domain-section__goal">Also called: {domain.aliases.join(", ")}</p> : null}
      <p className="domain-section__goal">
        <strong>Goal: </strong>
        {domain.goalStatement}
      </p>
      <div className="list-heading">
        <h2 id="objectives-heading">Objectives</h2>
        <Form method="get" className="sort-control" preventScrollReset>
          <label htmlFor="sort">Sort by</label>
          <select id="sort" name="sort" defaultValue={sort} key={sort} className="field__input field__input--select">
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary">
            Sort
          </button>
        </Form>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {`Sorted by ${SORT_LABELS[sort].toLowerCase()}`}
      </p>
      <ul className="objective-list" aria-labelledby="objectives-heading">
        {domain.objectives.map((objective) => (
          <ObjectiveRow
            key={objective.slug}
            objective={objective}
            href={`/objectives/${objective.slug}`}
            figures={rowFigures(figures, objective.id)}
            mine={figures.mine?.objectives[objective.id] ?? null}
          />
        ))}
      </ul>
    </>
  );
}
