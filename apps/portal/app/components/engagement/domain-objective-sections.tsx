import { Link } from "@remix-run/react";
import type { RouterOutputs } from "@planpulse/api";
import { ObjectiveRow, type ObjectiveRowData } from "@planpulse/ui";
import { rowFigures } from "./row-figures";

type PlanFigures = RouterOutputs["engagement"]["figures"];
type Domain = {
  slug: string;
  name: string;
  goalStatement?: string;
  objectives: Array<ObjectiveRowData & { id: number }>;
};

/** Every domain with its objectives as rows and their figures: the home page and an archived cycle's page. */
export function DomainObjectiveSections({ domains, figures, showGoals = false }: { domains: Domain[]; figures: PlanFigures; showGoals?: boolean }) {
  return (
    <>
      {domains.map((domain) => (
        <section key={domain.slug} className="domain-section" aria-labelledby={`domain-${domain.slug}`}>
          <h3 id={`domain-${domain.slug}`}>
            <Link to={`/domains/${domain.slug}`}>{domain.name}</Link>
          </h3>
          {showGoals && domain.goalStatement ? <p className="domain-section__goal">{domain.goalStatement}</p> : null}
          <ul className="objective-list">
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
        </section>
      ))}
    </>
  );
}
