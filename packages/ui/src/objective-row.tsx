import { Link } from "@remix-run/react";
import { ProgressBar, StatusBadge, UrgentBadge, type ObjectiveStatus } from "./badges";

export type ObjectiveRowData = {
  slug: string;
  text: string;
  isUrgent: boolean;
  status: ObjectiveStatus;
  percentComplete: number;
};

/** The same row in portal lists and admin tables: text, urgency, progress. */
export function ObjectiveRow({ objective, href }: { objective: ObjectiveRowData; href: string }) {
  return (
    <li className="objective-row">
      <div className="objective-row__main">
        {objective.isUrgent ? <UrgentBadge /> : null}
        <Link to={href} className="objective-row__text" prefetch="intent">
          {objective.text}
        </Link>
      </div>
      <div className="objective-row__meta">
        <StatusBadge status={objective.status} />
        <ProgressBar percent={objective.percentComplete} label={`Percent complete: ${objective.text}`} />
      </div>
    </li>
  );
}
