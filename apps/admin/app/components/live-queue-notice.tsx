import { useRevalidator } from "@remix-run/react";
import { LiveAnnouncer, useEventStream } from "@planpulse/ui";
import { LIVE_EVENT_QUEUE, LIVE_EVENTS_PATH, type LiveQueue } from "@planpulse/validators/domain";
import { useEffect, useRef, useState } from "react";

/**
 * "N new updates — refresh" on an open staff queue (decision 023): the stream says only that the
 * queue changed; Refresh re-reads the page in place. Nothing shows without JavaScript or changes.
 */
export function LiveQueueNotice({ queue }: { queue: LiveQueue }) {
  const [updates, setUpdates] = useState(0);
  const lastVersion = useRef<number | null>(null);
  const revalidator = useRevalidator();
  useEventStream(`${LIVE_EVENTS_PATH}?queue=${queue}`, LIVE_EVENT_QUEUE, (data) => {
    const version = (data as { version?: unknown } | null)?.version;
    if (typeof version !== "number") return;
    if (lastVersion.current !== null && version > lastVersion.current) setUpdates((count) => count + 1);
    lastVersion.current = version;
  });
  // A refresh (this button, or any action on the page) shows everything up to now.
  useEffect(() => {
    if (revalidator.state === "idle") return;
    setUpdates(0);
  }, [revalidator.state]);
  const message = updates > 0 ? `${updates} new ${updates === 1 ? "update" : "updates"} in this queue.` : "";
  return (
    <>
      <LiveAnnouncer message={message} />
      {updates > 0 ? (
        <p className="live-notice">
          <button type="button" className="button button--secondary" onClick={() => revalidator.revalidate()}>
            {updates} new {updates === 1 ? "update" : "updates"} — refresh
          </button>
        </p>
      ) : null}
    </>
  );
}
