import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ObjectiveStatus, StanceValue } from "@planpulse/validators/domain";
import { ProgressBar, StatusBadge, UrgentBadge } from "./badges";
import { MemberComments, PriorityShare, StanceChip, StanceSummary, SupportTally, type StanceCounts } from "./engagement-figures";

export type ObjectiveRowData = {
  slug: string;
  text: string;
  isUrgent: boolean;
  status: ObjectiveStatus;
  percentComplete: number;
};

/** Member figures for the row; each part is optional so admin tables can show what they have. */
export type ObjectiveRowFigures = {
  supports: number;
  priorityShare: number;
  /** Members who placed any priority points at all (the n behind the share). */
  priorityMembers: number;
  stance: StanceCounts;
  comments?: number;
};

/** The viewer's own part in this objective. */
export type ObjectiveRowMine = { supported: boolean; points: number; stance: StanceValue | null };

/** The same row in portal lists and admin tables: text, urgency, progress, and (when given) member figures. */
export function ObjectiveRow({
  objective,
  href,
  figures,
  mine,
  actions,
}: {
  objective: ObjectiveRowData;
  href: string;
  figures?: ObjectiveRowFigures;
  mine?: ObjectiveRowMine | null;
  /** e.g. a Support button; rendered at the end of the row. */
  actions?: ReactNode;
}) {
  const hasMine = mine && (mine.supported || mine.points > 0 || mine.stance);
  return (
    <li className="objective-row">
      <div className="objective-row__main">
        {objective.isUrgent ? <UrgentBadge /> : null}
        <Link to={href} className="objective-row__text" prefetch="intent">
          {objective.text}
        </Link>
        {hasMine ? (
          <p className="objective-row__mine">
            <span className="visually-hidden">Your part: </span>
            {mine.supported ? <span className="mine-tag">✓ You support this</span> : null}
            {mine.points > 0 ? <span className="mine-tag">{`Your points: ${mine.points}`}</span> : null}
            {mine.stance ? <StanceChip stance={mine.stance} prefix="Your stance:" /> : null}
          </p>
        ) : null}
      </div>
      <div className="objective-row__meta">
        <span className="objective-row__progress">
          <StatusBadge status={objective.status} />
          <ProgressBar percent={objective.percentComplete} label={`Percent complete: ${objective.text}`} />
        </span>
        {figures ? (
          <span className="objective-row__figures">
            <StanceSummary stance={figures.stance} compact />
            <SupportTally count={figures.supports} />
            <PriorityShare share={figures.priorityShare} members={figures.priorityMembers} />
            {figures.comments !== undefined ? <MemberComments count={figures.comments} /> : null}
          </span>
        ) : null}
        {actions}
      </div>
    </li>
  );
}
