import type { Request, Response } from "express";
import { callerFor, isServiceUnavailable, toHttpProblem, type RequestEnvironment } from "@planpulse/api";
import { getLiveObjectiveSnapshot } from "@planpulse/core";
import type { Database, LiveBus, LiveChange } from "@planpulse/db";
import { LIVE_COALESCE_MS, LIVE_EVENT_OBJECTIVE, LIVE_EVENT_QUEUE, LIVE_QUEUES, type LiveQueue } from "@planpulse/validators";
import type { AppName } from "./app-server";
import { sendUnavailable } from "./resilience";

/** Open event streams one process holds at most (LIVE_MAX_CONNECTIONS); past it a 503 with Retry-After. */
export const DEFAULT_LIVE_MAX_CONNECTIONS = 2_000;
/** A comment line this often keeps proxies and load balancers from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** Tells EventSource how long to wait before reconnecting. */
const RECONNECT_MS = 3_000;
/** A slug or a queue name: anything longer or stranger is refused before the database is asked. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+){0,30}$/;

export type LiveHubOptions = {
  database: Database;
  bus: LiveBus;
  maxConnections?: number;
  coalesceMs?: number;
  heartbeatMs?: number;
};

type Client = { res: Response };

type Topic = {
  key: string;
  event: string;
  clients: Set<Client>;
  /** The data to send to everyone on the topic; queries at most once per flush, whatever the number of clients. */
  load: () => Promise<unknown>;
  lastSent: number;
  timer: NodeJS.Timeout | undefined;
  loading: boolean;
  dirtyWhileLoading: boolean;
};

export type LiveHub = {
  /** The /events handler for one app, authorised like the page it serves. */
  route(app: AppName, environment: (req: Request, res: Response) => RequestEnvironment): (req: Request, res: Response) => void;
  readonly connections: number;
  close(): void;
};

function frame(event: string, id: number, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Server-sent events for live pages (decision 023). Every open page subscribes to a topic (one
 * objective, or a staff queue); a committed write, announced on the LISTEN/NOTIFY bus by whichever
 * process made it, marks the topics it touched, and each topic is sent at most once per coalesce
 * window, with one query for all its clients. A stream holds no database connection; a client that
 * reconnects gets the current state at once, so it catches up on whatever it missed.
 */
export function createLiveHub(options: LiveHubOptions): LiveHub {
  const maxConnections = options.maxConnections ?? DEFAULT_LIVE_MAX_CONNECTIONS;
  const coalesceMs = options.coalesceMs ?? LIVE_COALESCE_MS;
  const topics = new Map<string, Topic>();
  let connections = 0;
  const db = options.database.db;

  const send = async (topic: Topic) => {
    topic.timer = undefined;
    if (topic.clients.size === 0) return;
    if (topic.loading) {
      topic.dirtyWhileLoading = true;
      return;
    }
    topic.loading = true;
    topic.lastSent = Date.now();
    try {
      const data = await topic.load();
      const text = frame(topic.event, options.bus.version, data);
      for (const client of topic.clients) client.res.write(text);
    } catch (error) {
      // The database is away (a restart): try again on the next window; the pages keep what they show.
      if (!isServiceUnavailable(error)) console.warn(`[live] ${topic.key}: ${error instanceof Error ? error.message : String(error)}`);
      topic.dirtyWhileLoading = true;
    } finally {
      topic.loading = false;
    }
    if (topic.dirtyWhileLoading) {
      topic.dirtyWhileLoading = false;
      markDirty(topic);
    }
  };

  const markDirty = (topic: Topic) => {
    if (topic.timer || topic.clients.size === 0) return;
    if (topic.loading) {
      topic.dirtyWhileLoading = true;
      return;
    }
    const wait = Math.max(0, topic.lastSent + coalesceMs - Date.now());
    topic.timer = setTimeout(() => void send(topic), wait);
  };

  const onChange = (change: LiveChange) => {
    // Points and plan-wide changes move every objective's figures (shares of all points placed).
    const everyObjective = change.objectiveIds === null || change.kind === "priorities" || change.kind === "organisation";
    for (const topic of topics.values()) {
      if (topic.event === LIVE_EVENT_OBJECTIVE) {
        if (change.kind === "flags" || change.kind === "insight") continue;
        const id = Number(topic.key.slice("objective:".length));
        if (everyObjective || change.objectiveIds?.includes(id)) markDirty(topic);
      } else if (topic.key === "queue:moderation" && (change.kind === "comments" || change.kind === "flags")) {
        markDirty(topic);
      } else if (topic.key === "queue:responses" && change.kind === "comments") {
        markDirty(topic);
      }
    }
  };
  const unsubscribe = options.bus.subscribe({
    onChange,
    onResync: () => {
      for (const topic of topics.values()) markDirty(topic);
    },
  });

  const topicFor = (key: string, event: string, load: () => Promise<unknown>): Topic => {
    let topic = topics.get(key);
    if (!topic) {
      topic = { key, event, clients: new Set(), load, lastSent: 0, timer: undefined, loading: false, dirtyWhileLoading: false };
      topics.set(key, topic);
    }
    return topic;
  };

  /** Checks who may open the stream and what it starts from; null when an answer was sent instead. */
  const authorise = async (app: AppName, req: Request, res: Response, env: RequestEnvironment): Promise<{ topic: Topic; first: unknown } | null> => {
    const params = new URLSearchParams(req.originalUrl.split("?")[1] ?? "");
    const objective = params.getAll("objective");
    const queue = params.getAll("queue");
    const refuse = (status: number, message: string) => {
      res.status(status).set("Cache-Control", "no-store").json({ error: { message } });
      return null;
    };
    const request = new Request(`http://events.invalid${req.originalUrl.startsWith("/") ? req.originalUrl : "/"}`, {
      headers: { cookie: req.get("cookie") ?? "" },
    });
    const caller = await callerFor({}, env, request);
    if (app === "portal") {
      const slug = objective[0] ?? "";
      if (objective.length !== 1 || queue.length > 0 || !SLUG.test(slug)) return refuse(400, "Name one objective: /events?objective=<slug>.");
      const first = await caller.live.objective({ slug });
      const topic = topicFor(`objective:${first.objectiveId}`, LIVE_EVENT_OBJECTIVE, () => getLiveObjectiveSnapshot(db, { id: first.objectiveId }));
      return { topic, first };
    }
    const name = queue[0] ?? "";
    if (queue.length !== 1 || objective.length > 0 || !(LIVE_QUEUES as readonly string[]).includes(name)) {
      return refuse(400, "Name one queue: /events?queue=moderation or /events?queue=responses.");
    }
    const which = name as LiveQueue;
    await (which === "moderation" ? caller.live.moderationQueue() : caller.live.responseQueue());
    // A queue's stream says only that it changed (and as of which version); the page re-reads itself.
    const topic = topicFor(`queue:${which}`, LIVE_EVENT_QUEUE, () => Promise.resolve({ queue: which, version: options.bus.version }));
    return { topic, first: { queue: which, version: options.bus.version } };
  };

  return {
    get connections() {
      return connections;
    },
    route(app, environment) {
      return (req, res) => {
        if (connections >= maxConnections) {
          sendUnavailable(req, res, "Live updates are busy right now; the page still works and can be reloaded.");
          return;
        }
        // Counted from here, so a burst of opens cannot pass the cap while authorising.
        connections += 1;
        let counted = true;
        const uncount = () => {
          if (!counted) return;
          counted = false;
          connections -= 1;
        };
        void (async () => {
          let opened: { topic: Topic; first: unknown } | null;
          try {
            opened = await authorise(app, req, res, environment(req, res));
          } catch (error) {
            uncount();
            if (res.headersSent) return;
            if (isServiceUnavailable(error)) {
              sendUnavailable(req, res, "Plan Pulse is briefly unavailable. Please try again in a few seconds.");
              return;
            }
            const problem = toHttpProblem(error);
            res
              .status(problem.status >= 500 ? 500 : problem.status)
              .set("Cache-Control", "no-store")
              .json({ error: { message: problem.message } });
            return;
          }
          if (!opened || req.socket.destroyed) {
            uncount();
            return;
          }
          const { topic, first } = opened;
          res.status(200);
          res.set({
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-store, no-transform",
            Connection: "keep-alive",
            // Proxies (nginx) must pass each event on at once rather than buffer the stream.
            "X-Accel-Buffering": "no",
          });
          res.flushHeaders();
          req.socket.setNoDelay(true);
          req.socket.setTimeout(0);
          // The current state first: a page that reconnects (Last-Event-ID or not) catches up here.
          res.write(`retry: ${RECONNECT_MS}\n` + frame(topic.event, options.bus.version, first));
          const client: Client = { res };
          if (!topics.has(topic.key)) topics.set(topic.key, topic);
          topic.clients.add(client);
          const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), options.heartbeatMs ?? HEARTBEAT_MS);
          heartbeat.unref();
          res.once("close", () => {
            clearInterval(heartbeat);
            topic.clients.delete(client);
            if (topic.clients.size === 0) {
              clearTimeout(topic.timer);
              topics.delete(topic.key);
            }
            uncount();
          });
        })();
      };
    },
    close() {
      unsubscribe();
      for (const topic of topics.values()) {
        clearTimeout(topic.timer);
        for (const client of topic.clients) client.res.end();
      }
      topics.clear();
    },
  };
}
