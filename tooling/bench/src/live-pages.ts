/**
 * Live pages and the visitors' cache in the benchmarks (decision 023): `pnpm bench` holds 1,000 open
 * objective pages (event streams) and times a write reaching all of them, and compares the visitor's
 * objective page from memory with the same page rendered; `pnpm bench:faults` restarts PostgreSQL
 * under open pages and checks that they catch up.
 */
import http from "node:http";
import { cannon, log, percentile, portalUrl, sleep, type Throughput } from "./harness";

export type LiveStream = { events: Array<{ at: number; data: any }>; status: number; close(): void; closed: boolean };

/** One open objective page's event stream, read on a raw socket (its own connection, like a browser tab). */
export function openLiveStream(url: string): Promise<LiveStream> {
  return new Promise((resolve) => {
    const stream: LiveStream = { events: [], status: 0, closed: false, close: () => request.destroy() };
    const request = http.get(url, { headers: { accept: "text/event-stream" }, agent: false }, (response) => {
      stream.status = response.statusCode ?? 0;
      let buffer = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (data) stream.events.push({ at: performance.now(), data: JSON.parse(data) });
        }
      });
      response.on("close", () => (stream.closed = true));
      response.on("error", () => {});
      resolve(stream);
    });
    request.on("error", () => {
      stream.closed = true;
      resolve(stream);
    });
  });
}

/** Opens `count` streams, a hundred at a time, on one objective. */
export async function openLiveStreams(slug: string, count: number): Promise<LiveStream[]> {
  const streams: LiveStream[] = [];
  for (let start = 0; start < count; start += 100) {
    streams.push(...(await Promise.all(Array.from({ length: Math.min(100, count - start) }, () => openLiveStream(`${portalUrl}/events?objective=${slug}`)))));
  }
  return streams;
}

/** Waits until every stream has an event for which `seen` holds; returns each stream's time (or null if it never came). */
async function arrivals(streams: LiveStream[], since: number, seen: (data: any) => boolean, timeoutMs: number): Promise<Array<number | null>> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const times = streams.map((stream) => stream.events.find((event) => event.at >= since && seen(event.data))?.at ?? null);
    if (times.every((time) => time !== null) || performance.now() > until) return times.map((time) => (time === null ? null : time - since));
    await sleep(20);
  }
}

async function toggleSupport(cookie: string, objectiveId: number): Promise<{ status: number; count: number | null }> {
  const response = await fetch(`${portalUrl}/api/trpc/vote.toggle`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: portalUrl },
    body: JSON.stringify({ objectiveId }),
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await response.json().catch(() => null)) as { result?: { data?: { count?: number } } } | null;
  return { status: response.status, count: body?.result?.data?.count ?? null };
}

export type LiveFanOut = { streams: number; opened: number; writes: number; p50: number; p95: number; max: number; missed: number; refused: number };

/**
 * 1,000 open pages on one objective; a member's support is toggled (three times, past the one-second
 * coalescing window) and each page's time from sending the write to the event carrying the new count
 * is recorded (the write's own time included).
 */
export async function measureLiveFanOut(options: { slug: string; objectiveId: number; cookie: string; connections?: number }): Promise<LiveFanOut> {
  const count = options.connections ?? 1_000;
  const streams = await openLiveStreams(options.slug, count);
  const open = streams.filter((stream) => stream.status === 200);
  // Every page has its first event (the state when it opened) before the writes.
  const until = performance.now() + 30_000;
  while (open.some((stream) => stream.events.length === 0) && performance.now() < until) await sleep(50);
  log(`live pages: ${open.length} of ${count} streams open`);
  const latencies: number[] = [];
  let missed = 0;
  const writes = 3;
  for (let write = 0; write < writes; write += 1) {
    await sleep(1_500);
    const sent = performance.now();
    const vote = await toggleSupport(options.cookie, options.objectiveId);
    if (vote.status !== 200 || vote.count === null) throw new Error(`vote.toggle answered ${vote.status}`);
    const times = await arrivals(open, sent, (data) => data?.figures?.supports === vote.count, 15_000);
    for (const time of times)
      if (time === null) missed += 1;
      else latencies.push(time);
  }
  for (const stream of streams) stream.close();
  return {
    streams: count,
    opened: open.length,
    writes,
    p50: Math.round(percentile(latencies, 50)),
    p95: Math.round(percentile(latencies, 95)),
    max: Math.round(Math.max(0, ...latencies)),
    missed,
    refused: streams.length - open.length,
  };
}

export type VisitorCacheFigures = { cached: Throughput; rendered: Throughput; ratio: number };

/**
 * The visitor's objective page from memory against the same page rendered each time (a harmless
 * cookie takes the request past the cache), interleaved over `rounds`, median req/s of each.
 */
export async function measureVisitorCache(options: { slug: string; durationS: number; rounds?: number }): Promise<VisitorCacheFigures> {
  const url = `${portalUrl}/objectives/${options.slug}`;
  const cached: Throughput[] = [];
  const rendered: Throughput[] = [];
  for (let round = 0; round < (options.rounds ?? 2); round += 1) {
    cached.push(await cannon({ url, connections: 50, durationS: options.durationS, headers: { accept: "text/html" } }));
    rendered.push(await cannon({ url, connections: 50, durationS: options.durationS, headers: { accept: "text/html", cookie: "bench-bypass=1" } }));
  }
  const pick = (runs: Throughput[]) => runs.sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
  const c = pick(cached);
  const r = pick(rendered);
  return { cached: c, rendered: r, ratio: c.rps / Math.max(1, r.rps) };
}

export type LiveRestart = { opened: number; stillOpen: number; caughtUp: number; catchUpP95: number; writeStatus: number };

/**
 * PostgreSQL restarted with live pages open: the streams (HTTP to the host) stay open; the host's
 * listening connection drops and comes back, and every page must then get a write made after the
 * restart. `restart` restarts the cluster and resolves once it answers again.
 */
export async function liveAcrossRestart(options: {
  slug: string;
  objectiveId: number;
  cookie: string;
  connections?: number;
  restart: () => Promise<void>;
}): Promise<LiveRestart> {
  const streams = await openLiveStreams(options.slug, options.connections ?? 200);
  const open = streams.filter((stream) => stream.status === 200);
  await options.restart();
  // The first write after the restart that is acknowledged (the pool reconnects on its own).
  let vote = { status: 0, count: null as number | null };
  let sent = performance.now();
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    sent = performance.now();
    vote = await toggleSupport(options.cookie, options.objectiveId).catch(() => ({ status: 0, count: null }));
    if (vote.status === 200) break;
    await sleep(200);
  }
  const times = await arrivals(open, sent, (data) => data?.figures?.supports === vote.count, 20_000);
  const caught = times.filter((time): time is number => time !== null);
  const result = {
    opened: open.length,
    stillOpen: open.filter((stream) => !stream.closed).length,
    caughtUp: caught.length,
    catchUpP95: Math.round(percentile(caught, 95)),
    writeStatus: vote.status,
  };
  for (const stream of streams) stream.close();
  return result;
}
