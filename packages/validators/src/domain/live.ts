// Live pages (decision 023): browser-safe names the host's event route and the apps' clients share.

/** Each app's server-sent events route: /events?objective=<slug> (portal), /events?queue=<queue> (admin). */
export const LIVE_EVENTS_PATH = "/events";

/** The staff queues that update while open. */
export const LIVE_QUEUES = ["moderation", "responses"] as const;
export type LiveQueue = (typeof LIVE_QUEUES)[number];

/** An open page gets at most one update per this many milliseconds, however busy its objective is. */
export const LIVE_COALESCE_MS = 1_000;

/** The event names a page listens for. */
export const LIVE_EVENT_OBJECTIVE = "objective";
export const LIVE_EVENT_QUEUE = "queue";
