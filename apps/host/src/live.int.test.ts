import { request as httpRequest, type IncomingMessage } from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtHosts, scratchDatabaseUrl, SESSION_COOKIE as COOKIE, trpc } from "./testing";

// Live pages and the visitors' cache with two host processes on one PostgreSQL database (decision
// 023): a write through one process reaches the other's cache and open event streams through
// LISTEN/NOTIFY. Runs only against real PostgreSQL (TEST_DATABASE_URL); needs `pnpm build`.
const serverUrl = process.env.TEST_DATABASE_URL;
const CAP = 20;

type Stream = { events: Array<{ event: string; data: any; at: number }>; status: number; headers: IncomingMessage["headers"]; close(): void };

/** An event-stream reader on a raw socket (undici's fetch would buffer nothing but hides the status of 1,000 opens). */
function openStream(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const events: Stream["events"] = [];
    const req = httpRequest(url, { headers: { accept: "text/event-stream", ...headers }, agent: false }, (res) => {
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data), at: performance.now() });
        }
      });
      res.on("error", () => {});
      resolve({ events, status: res.statusCode ?? 0, headers: res.headers, close: () => req.destroy() });
    });
    req.on("error", reject);
    req.end();
  });
}

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.skipIf(!serverUrl)("live pages and the visitors' cache across two processes", () => {
  const name = `planpulse_test_live_${process.pid}`;
  const databaseUrl = serverUrl ? scratchDatabaseUrl(serverUrl, name) : "";
  const hosts = builtHosts(databaseUrl, { LIVE_MAX_CONNECTIONS: String(CAP), WEB_CONCURRENCY: "1" });
  const [a, b] = ["http://127.0.0.1:3630", "http://127.0.0.1:3632"] as const;
  const adminB = "http://127.0.0.1:3633";
  let slug = "";
  let objectiveId = 0;
  let otherSlug = "";
  const tokens: string[] = [];

  async function sql<T = any>(text: string, params: unknown[] = [], url = databaseUrl): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  const supporters = (html: string) => Number(/<strong>([\d,]+)<\/strong> (?:<!-- -->)?supporters?/.exec(html)?.[1]?.replace(/,/g, "") ?? Number.NaN);
  const visit = async (base: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/objectives/${slug}`, { headers });
    return { status: response.status, headers: response.headers, html: await response.text() };
  };

  beforeAll(async () => {
    await sql(`create database ${name}`, [], serverUrl);
    await hosts.start(3630, 3631);
    await hosts.start(3632, 3633);
    const [objective, other] = await sql<{ id: number; slug: string }>(`select id, slug from objectives order by id limit 2`);
    ({ id: objectiveId, slug } = objective!);
    otherSlug = other!.slug;
    for (let index = 0; index < 4; index += 1) {
      const signUp = await trpc(a, "auth.signUp", { displayName: `Live ${index}`, email: `live-${index}@example.org`, password: "a long enough password" });
      tokens.push(signUp.token!);
    }
    await sql(`update users set email_verified_at = now() where email like 'live-%'`);
  }, 200_000);

  afterAll(async () => {
    await hosts.stop();
    if (serverUrl) await sql(`drop database if exists ${name} with (force)`, [], serverUrl);
  }, 60_000);

  it("serves a visitor from memory with an ETag the other process honours (304)", async () => {
    await visit(b);
    const second = await visit(b);
    expect(second.headers.get("x-visitor-cache")).toBe("hit");
    expect(second.headers.get("cache-control")).toBe("no-cache");
    const etag = second.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"/);
    // Each answer carries its own CSP nonce, and the page's scripts carry the same one.
    const nonce = /'nonce-([^']+)'/.exec(second.headers.get("content-security-policy") ?? "")?.[1];
    expect(second.html).toContain(`nonce="${nonce}"`);
    expect((await visit(b)).headers.get("content-security-policy")).not.toContain(nonce);
    // Same content, same ETag, whichever process rendered it.
    await visit(a);
    const fromA = await visit(a);
    expect(fromA.headers.get("etag")).toBe(etag);
    const revalidated = await visit(a, { "if-none-match": etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.html).toBe("");
    expect(revalidated.headers.get("content-security-policy")).toBeNull();
  });

  it("never shows a visitor a page from before an acknowledged write: at once on the same process, within the notification delay on the other", async () => {
    const before = supporters((await visit(b)).html);
    await visit(a);
    expect((await visit(a)).headers.get("x-visitor-cache")).toBe("hit");
    expect((await visit(b)).headers.get("x-visitor-cache")).toBe("hit");
    // Written through A: A's next visitor page has it at once.
    const vote = await trpc(a, "vote.toggle", { objectiveId, supported: true }, tokens[0]);
    const acknowledged = performance.now();
    expect(vote.status).toBe(200);
    expect(supporters((await visit(a)).html)).toBe(before + 1);
    // B learns of it through LISTEN/NOTIFY: poll until it shows, and measure how long that took.
    let delay = 0;
    for (;;) {
      const page = await visit(b);
      if (supporters(page.html) === before + 1) {
        delay = performance.now() - acknowledged;
        break;
      }
      expect(performance.now() - acknowledged).toBeLessThan(1_000);
    }
    console.log(`[live] visitor page on the other process fresh ${delay.toFixed(1)} ms after the write was acknowledged`);
    // Written through B: B's next visitor page has it at once too.
    expect((await trpc(b, "vote.toggle", { objectiveId, supported: true }, tokens[1])).status).toBe(200);
    expect(supporters((await visit(b)).html)).toBe(before + 2);
  });

  it("keeps another objective's visitor page in memory on both processes across a vote (decision 026)", async () => {
    const other = async (base: string) => (await fetch(`${base}/objectives/${otherSlug}`)).headers.get("x-visitor-cache");
    for (const base of [a, b]) {
      await other(base);
      expect(await other(base)).toBe("hit");
    }
    const before = supporters((await visit(b)).html);
    expect((await trpc(a, "vote.toggle", { objectiveId, supported: true }, tokens[2])).status).toBe(200);
    // The voted objective's page is fresh on the writer at once and on the other process within the delay.
    expect(supporters((await visit(a)).html)).toBe(before + 1);
    const acknowledged = performance.now();
    while (supporters((await visit(b)).html) !== before + 1) expect(performance.now() - acknowledged).toBeLessThan(1_000);
    // Another objective's page was not evicted by it, in either process ("wait": the writer's process
    // renders until the write's own notification has arrived, without touching what it holds).
    let onA = await other(a);
    for (let attempt = 0; onA === "wait" && attempt < 100; attempt += 1) onA = await other(a);
    expect(onA).toBe("hit");
    expect(await other(b)).toBe("hit");
  });

  it("never caches a signed-in page", async () => {
    const signedIn = await visit(b, { cookie: `${COOKIE}=${tokens[0]}` });
    expect(signedIn.headers.get("x-visitor-cache")).toBeNull();
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
    expect((await visit(b, { cookie: `${COOKIE}=${tokens[0]}` })).headers.get("x-visitor-cache")).toBeNull();
    // Any cookie at all (a stale session, another site's) means no cache either way.
    expect((await visit(b, { cookie: "something=else" })).headers.get("x-visitor-cache")).toBeNull();
  });

  it("sends an event written through one process to a page open on the other, coalesced", async () => {
    const page = await openStream(`${b}/events?objective=${slug}`);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toContain("text/event-stream");
    expect(page.headers["content-encoding"]).toBeUndefined();
    const first = await waitFor(() => page.events[0]);
    expect(first.event).toBe("objective");
    const comments = first.data.figures.comments as number;
    const supports = first.data.figures.supports as number;
    const sent = performance.now();
    await trpc(a, "comment.create", { objectiveSlug: slug, body: "A comment other pages should hear about." }, tokens[2]);
    const acknowledged = performance.now();
    const update = await waitFor(() => page.events.find((event) => event.data.figures.comments === comments + 1));
    console.log(
      `[live] event reached the other process's open page ${(update.at - sent).toFixed(1)} ms after the write was sent, ${(update.at - acknowledged).toFixed(1)} ms after it was acknowledged`,
    );
    // A burst of writes within one second reaches the page as at most two updates (one per second).
    const count = page.events.length;
    for (const token of tokens.slice(0, 3)) await trpc(a, "stance.set", { objectiveId, stance: "concern" }, token);
    await trpc(a, "vote.toggle", { objectiveId, supported: true }, tokens[3]);
    await waitFor(() => page.events.find((event) => event.data.figures.supports === supports + 1 && event.data.figures.stance.concern >= 3), 5_000);
    expect(page.events.length - count).toBeLessThanOrEqual(2);
    // Public figures only: nothing of anyone's own state.
    expect(JSON.stringify(page.events.at(-1)!.data)).not.toMatch(/mine|supported"|pointsLeft|email/);
    page.close();
  });

  it("refuses hostile queries, a suspended member and the staff queue for a member, without a 500", async () => {
    for (const query of [
      "",
      "?objective=",
      "?objective=A_B",
      "?objective=a&objective=b",
      `?objective=${"a".repeat(5_000)}`,
      "?objective=%00",
      "?queue=moderation",
      "?objective[]=x",
      "?objective=no-such-objective",
    ]) {
      const response = await fetch(`${b}/events${query}`);
      expect([400, 404, 414, 431]).toContain(response.status);
      await response.body?.cancel();
    }
    const signUp = await trpc(a, "auth.signUp", { displayName: "Suspended Live", email: "suspended-live@example.org", password: "a long enough password" });
    await sql(`update users set email_verified_at = now(), suspended_at = now() where email = 'suspended-live@example.org'`);
    const suspended = await fetch(`${b}/events?objective=${slug}`, { headers: { cookie: `${COOKIE}=${signUp.token}` } });
    expect(suspended.status).toBe(403);
    const memberOnQueue = await fetch(`${adminB}/events?queue=moderation`, { headers: { cookie: `${COOKIE}=${tokens[0]}` } });
    expect([401, 403]).toContain(memberOnQueue.status);
    expect((await fetch(`${adminB}/events?queue=moderation`)).status).toBe(401);
    expect((await fetch(`${adminB}/events?queue=elsewhere`)).status).toBe(400);
  });

  it("opens a staff queue's stream only for its own role, and never for a suspended moderator or staff member whose session is still alive", async () => {
    const account = async (role: string, key: string) => {
      const signUp = await trpc(a, "auth.signUp", { displayName: `Queue ${key}`, email: `queue-${key}@example.org`, password: "a long enough password" });
      await sql(`update users set email_verified_at = now(), role = $1 where email = $2`, [role, `queue-${key}@example.org`]);
      return { token: signUp.token!, email: `queue-${key}@example.org` };
    };
    const moderator = await account("moderator", "moderator");
    const staff = await account("staff", "staff");
    const status = async (queue: string, token?: string) => {
      const stream = await openStream(`${adminB}/events?queue=${queue}`, token ? { cookie: `${COOKIE}=${token}` } : {});
      stream.close();
      return stream.status;
    };
    // The control: each role opens its own queue, so the refusals below are the rule, not a broken stream.
    expect(await status("moderation", moderator.token)).toBe(200);
    expect(await status("responses", staff.token)).toBe(200);
    // The other role's queue, a member's and a visitor's attempts.
    expect(await status("responses", moderator.token)).toBe(403);
    expect(await status("moderation", staff.token)).toBe(403);
    expect(await status("responses", tokens[0])).toBe(403);
    expect(await status("responses")).toBe(401);
    // Suspended behind their backs (the session row survives): both queues are refused at once.
    await sql(`update users set suspended_at = now() where email in ($1, $2)`, [moderator.email, staff.email]);
    for (const queue of ["moderation", "responses"]) {
      expect(await status(queue, moderator.token)).toBe(403);
      expect(await status(queue, staff.token)).toBe(403);
    }
    // The portal's stream names objectives only: a queue there is a bad request, whoever asks.
    const onPortal = await fetch(`${b}/events?queue=moderation`, { headers: { cookie: `${COOKIE}=${moderator.token}` } });
    expect(onPortal.status).toBe(400);
  });

  it("holds at most LIVE_MAX_CONNECTIONS streams; 1,000 more get 503 with Retry-After, and the page still works", async () => {
    const held = await Promise.all(Array.from({ length: CAP }, () => openStream(`${b}/events?objective=${slug}`)));
    expect(held.map((stream) => stream.status)).toEqual(held.map(() => 200));
    const refused: Stream[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      refused.push(...(await Promise.all(Array.from({ length: 100 }, () => openStream(`${b}/events?objective=${slug}`)))));
    }
    expect(refused.every((stream) => stream.status === 503 && stream.headers["retry-after"] !== undefined)).toBe(true);
    for (const stream of refused) stream.close();
    // Pages and the API are untouched by the cap.
    expect((await visit(b)).status).toBe(200);
    for (const stream of held) stream.close();
    // Closed streams give their places back.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
      const stream = await openStream(`${b}/events?objective=${slug}`);
      stream.close();
      status = stream.status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
  }, 60_000);
});
