import type { ObjectiveStatus } from "@planpulse/validators/domain";
import { useFormatDate } from "./organisation";
import { StatusBadge } from "./badges";

export type TimelineUpdate = {
  id: number;
  body: string;
  status: ObjectiveStatus;
  percentComplete: number;
  postedAt: string;
  authorName: string | null;
};

/** Progress updates on an objective, newest first; text is rendered as written (escaped by React). */
export function ProgressTimeline({ updates, headingLevel = 2 }: { updates: TimelineUpdate[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const formatDate = useFormatDate();
  return (
    <section className="progress-timeline" aria-labelledby="progress-timeline-title">
      <Heading id="progress-timeline-title">Progress updates</Heading>
      {updates.length === 0 ? (
        <p className="progress-timeline__empty">No progress updates have been posted yet.</p>
      ) : (
        <ol className="progress-timeline__list">
          {updates.map((update) => (
            <li key={update.id} className="progress-timeline__item" id={`update-${update.id}`}>
              <p className="progress-timeline__meta">
                <time dateTime={update.postedAt}>{formatDate(update.postedAt)}</time>
                {update.authorName ? <span> · {update.authorName}</span> : null}
                <span> · </span>
                <StatusBadge status={update.status} />
                <span> · {update.percentComplete}% complete</span>
              </p>
              <p className="progress-timeline__body">{update.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
