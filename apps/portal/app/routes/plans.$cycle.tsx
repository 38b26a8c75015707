import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { Breadcrumbs } from "@planpulse/ui";
import { CycleSlugSchema } from "@planpulse/validators";
import { DomainObjectiveSections } from "../components/engagement/domain-objective-sections";
import { pageTitle } from "../page-title";
import { countInWords } from "../count-in-words";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, data.plan.cycle.name) : pageTitle(matches, "Plan cycle not found") },
];

export async function loader(args: LoaderFunctionArgs) {
  // A hostile or malformed slug is simply not a cycle: the 404 page, never an error.
  const parsed = CycleSlugSchema.safeParse(args.params.cycle ?? "");
  const cycleSlug = parsed.success ? parsed.data : "no-such-cycle";
  const [plan, figures] = await query(args, (caller) => Promise.all([caller.plan.cycle({ cycleSlug }), caller.engagement.figures({ cycleSlug })]));
  return { plan, figures };
}

/** One plan cycle's plan as it stood; an archived cycle is read-only (decision 024). */
export default function CyclePlan() {
  const { plan, figures } = useLoaderData<typeof loader>();
  const archived = plan.cycle.status === "archived";
  return (
    <>
      <Breadcrumbs trail={[{ label: "Plan cycles", to: "/plans" }]} current={plan.cycle.name} />
      <h1>{plan.cycle.name}</h1>
      {archived ? (
        <p className="retired-note">
          <span className="retired-badge">Archived</span> An archived plan cycle
          {plan.cycle.endedAt ? ` (ended ${plan.cycle.endedAt.slice(0, 10)})` : ""}: read-only, kept with everything members said.{" "}
          <Link to="/">Go to the current plan</Link>.
        </p>
      ) : (
        <p>
          This is the current plan cycle. <Link to="/">Go to the plan</Link>.
        </p>
      )}
      <section aria-labelledby="statement-heading">
        <h2 id="statement-heading">{plan.title}</h2>
        <p>
          <strong>Vision: </strong>
          {plan.vision}
        </p>
        <p>
          <strong>Mission: </strong>
          {plan.mission}
        </p>
        {plan.values.length > 0 ? (
          <p>
            <strong>Values: </strong>
            {plan.values.join(" · ")}
          </p>
        ) : null}
      </section>
      <h2 id="cycle-domains-heading">{countInWords(plan.domains.length, "domain")}</h2>
      <DomainObjectiveSections domains={plan.domains} figures={figures} showGoals />
    </>
  );
}
