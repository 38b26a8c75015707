import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice, ProgressBar } from "@planpulse/ui";
import { query } from "@planpulse/remix";
import { DomainObjectiveSections } from "../components/engagement/domain-objective-sections";
import { countInWords } from "../count-in-words";
import { pageTitle } from "../page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, `${data.plan.title}`) : "Plan Pulse" },
  { name: "description", content: data?.plan.mission ?? "" },
];

export async function loader(args: LoaderFunctionArgs) {
  const [plan, figures, cycles] = await query(args, (caller) => Promise.all([caller.plan.get(), caller.engagement.figures(), caller.plan.cycles()]));
  return { plan, figures, earlierCycles: cycles.filter((c) => c.status === "archived").length };
}

export default function Home() {
  const { plan, figures, earlierCycles } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("accountDeleted") ? <Notice tone="success">Your account is deleted and you are signed out. Thank you for taking part.</Notice> : null}
      <section className="hero" aria-labelledby="vision-heading">
        <p className="hero__eyebrow">{plan.title} · Vision</p>
        <h1 id="vision-heading" className="hero__vision">
          {plan.vision}
        </h1>
        <p className="hero__eyebrow">Mission</p>
        <p className="hero__mission">{plan.mission}</p>
        {plan.values.length > 0 ? (
          <>
            <p className="hero__eyebrow">Values</p>
            <ul className="hero__values">
              {plan.values.map((value) => (
                <li key={value}>{value}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {plan.intro ? (
        <div className="intro">
          {plan.intro.split("\n\n").map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </div>
      ) : null}

      <h2 id="domains-heading">{countInWords(plan.domains.length, "domain")}</h2>
      <ul className="domain-grid" aria-labelledby="domains-heading">
        {plan.domains.map((domain) => {
          const urgent = domain.objectives.filter((o) => o.isUrgent).length;
          const progress = domain.objectives.length ? domain.objectives.reduce((sum, o) => sum + o.percentComplete, 0) / domain.objectives.length : 0;
          return (
            <li key={domain.slug} className="domain-card">
              <h3>
                <Link to={`/domains/${domain.slug}`}>{domain.name}</Link>
              </h3>
              <p>{domain.goalStatement}</p>
              <div className="domain-card__meta">
                <span>{domain.objectives.length} objectives</span>
                {urgent > 0 ? <span>{urgent} urgent</span> : null}
                <ProgressBar percent={progress} label={`Overall progress of ${domain.name}`} />
              </div>
            </li>
          );
        })}
      </ul>

      <h2>Every objective</h2>
      <DomainObjectiveSections domains={plan.domains} figures={figures} />
      {earlierCycles > 0 ? (
        <p className="earlier-cycles">
          <Link to="/plans">Earlier plan cycles ({earlierCycles})</Link>: everything members said, kept to read.
        </p>
      ) : null}
    </>
  );
}
