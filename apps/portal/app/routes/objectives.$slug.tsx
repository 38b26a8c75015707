import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressBar, StatusBadge, UrgentBadge } from "@planpulse/ui";
import { query } from "@planpulse/api";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.objective.text.slice(0, 60)} · Plan Pulse` : "Objective not found · Plan Pulse" },
];

export async function loader(args: LoaderFunctionArgs) {
  const slug = args.params.slug ?? "";
  return { objective: await query(args, (caller) => caller.objective.get({ slug })) };
}

export default function ObjectivePage() {
  const { objective } = useLoaderData<typeof loader>();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to="/">The plan</Link>
          </li>
          <li>
            <Link to={`/domains/${objective.domain.slug}`}>{objective.domain.name}</Link>
          </li>
          <li aria-current="page">Objective {objective.position}</li>
        </ol>
      </nav>
      <article className="objective-head">
        {objective.isUrgent ? <UrgentBadge /> : null}
        <h1>{objective.text}</h1>
        <div className="status-line">
          <StatusBadge status={objective.status} />
          <ProgressBar percent={objective.percentComplete} />
        </div>
      </article>
    </>
  );
}
