import { useEffect, useRef } from "react";

/**
 * Listens to a server-sent event stream while the page is open (decision 023). Only in the browser,
 * after hydration: without JavaScript nothing changes. EventSource reconnects by itself after a
 * dropped connection and the server answers each connection with the current state, so a page
 * catches up on what it missed. A refusal (the server's connection cap answers 503, a page that
 * may not stream 4xx) closes the stream for good: the page simply stays as loaded.
 */
export function useEventStream(url: string | null, event: string, onMessage: (data: unknown) => void): void {
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    if (!url || typeof EventSource === "undefined") return;
    const source = new EventSource(url);
    const listener = (message: MessageEvent<string>) => {
      try {
        handler.current(JSON.parse(message.data));
      } catch {
        // A malformed event is dropped; the next one carries the whole state again.
      }
    };
    source.addEventListener(event, listener);
    return () => {
      source.removeEventListener(event, listener);
      source.close();
    };
  }, [url, event]);
}

/** A polite live region: screen readers read its changes when the user is idle. Empty without JavaScript. */
export function LiveAnnouncer({ message }: { message: string }) {
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {message}
    </p>
  );
}
