import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ObjectiveRow } from "@planpulse/ui";
import { query } from "@planpulse/api";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.domain.name} · Plan Pulse` : "Domain not found · Plan Pulse" },
];

export async function loader(args: LoaderFunctionArgs) {
  const slug = args.params.slug ?? "";
  return { domain: await query(args, (caller) => caller.domain.get({ slug })) };
}

export default function DomainPage() {
  const { domain } = useLoaderData<typeof loader>();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to="/">The plan</Link>
          </li>
          <li aria-current="page">{domain.name}</li>
        </ol>
      </nav>
      <h1>{domain.name}</h1>
      {domain.aliases.length > 0 ? <p className="domain-section__goal">Also called: {domain.aliases.join(", ")}</p> : null}
      <p className="domain-section__goal">
        <strong>Goal: </strong>
        {domain.goalStatement}
      </p>
      <h2>Objectives</h2>
      <ul className="objective-list">
        {domain.objectives.map((objective) => (
          <ObjectiveRow key={objective.slug} objective={objective} href={`/objectives/${objective.slug}`} />
        ))}
      </ul>
    </>
  );
}
