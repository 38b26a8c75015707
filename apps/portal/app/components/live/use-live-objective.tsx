import { useRevalidator } from "@remix-run/react";
import { LiveAnnouncer, useEventStream } from "@planpulse/ui";
import { LIVE_EVENT_OBJECTIVE, LIVE_EVENTS_PATH } from "@planpulse/validators/domain";
import { useEffect, useRef, useState } from "react";

type Figures = {
  supports: number;
  comments: number;
  priorityShare: number;
  stance: { support: number; neutral: number; concern: number; n: number; supportInterval: { low: number; high: number } | null };
};

/** What the objective's event stream sends: public figures only (the same for every reader). */
type LiveObjective = {
  objectiveId: number;
  figures: (Figures & Record<string, unknown>) | null;
  priorityMembers: number;
  officialResponses: number;
  progressUpdates: number;
  status: string;
  percentComplete: number;
};

/**
 * An open objective page, live: figures follow every vote and stance at once; staff's official
 * responses and progress updates are fetched in place when they arrive; new member comments wait
 * behind a "show them" button so the thread never moves under the reader.
 */
export function useLiveObjective<F extends Figures>(slug: string, objectiveId: number, figures: F | null) {
  const [live, setLive] = useState<LiveObjective | null>(null);
  const [message, setMessage] = useState("");
  const revalidator = useRevalidator();
  const staffContent = useRef<{ responses: number; updates: number; status: string; percent: number } | null>(null);
  useEventStream(`${LIVE_EVENTS_PATH}?objective=${encodeURIComponent(slug)}`, LIVE_EVENT_OBJECTIVE, (data) => {
    const next = data as LiveObjective;
    if (!next || next.objectiveId !== objectiveId) return;
    setLive(next);
    const seen = staffContent.current;
    const now = { responses: next.officialResponses, updates: next.progressUpdates, status: next.status, percent: next.percentComplete };
    staffContent.current = now;
    if (!seen) return;
    const changed = now.responses !== seen.responses || now.updates !== seen.updates || now.status !== seen.status || now.percent !== seen.percent;
    if (changed) {
      setMessage(
        now.responses > seen.responses
          ? "A new official response was posted."
          : now.updates > seen.updates
            ? "A new progress update was posted."
            : "This objective's progress changed.",
      );
      revalidator.revalidate();
    }
  });
  useEffect(() => setLive(null), [slug]);
  const shown: F | null = live?.figures && figures ? { ...figures, ...live.figures } : figures;
  const newComments = live?.figures && figures ? Math.max(0, live.figures.comments - figures.comments) : 0;
  useEffect(() => {
    if (newComments > 0) setMessage(`${newComments} new ${newComments === 1 ? "comment" : "comments"}.`);
  }, [newComments]);
  return {
    figures: shown,
    priorityMembers: live?.priorityMembers,
    newComments,
    message,
    showNew: () => revalidator.revalidate(),
    loading: revalidator.state === "loading",
  };
}

/** "N new comments — show them", announced politely; nothing at all without JavaScript or new comments. */
export function NewCommentsNotice({ count, onShow, loading, message }: { count: number; onShow: () => void; loading: boolean; message: string }) {
  return (
    <>
      <LiveAnnouncer message={message} />
      {count > 0 ? (
        <p className="live-notice">
          <button type="button" className="button button--secondary" onClick={onShow} disabled={loading}>
            {count} new {count === 1 ? "comment" : "comments"} — show {count === 1 ? "it" : "them"}
          </button>
        </p>
      ) : null}
    </>
  );
}
