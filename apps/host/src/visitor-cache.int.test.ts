import { randomBytes } from "node:crypto";
import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import express from "express";
import { SESSION_COOKIE_NAME } from "@planpulse/auth";
import { createLiveBus, type LiveBus } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVisitorCache, type VisitorCache } from "./visitor-cache";

// The visitors' cache's precision and freshness (decision 026), with the real LISTEN/NOTIFY bus on
// the test database: writes are real rows, announced by the triggers. A small app renders each page
// from the database (an objective's support count; the home page's total) behind the cache.

describe.each(testDrivers())("visitors' cache per objective on %s", (driver) => {
  let database: TestDatabase;
  let bus: LiveBus;
  let cache: VisitorCache;
  let server: Server;
  let url = "";
  let userIds: number[] = [];
  const objectives: Record<string, number> = {};
  /** A render of this slug waits here after reading the database (a render overtaken by a write). */
  const holds = new Map<string, Promise<void>>();

  const supports = async (objectiveId: number) =>
    Number(
      (
        await database.db
          .selectFrom("support_votes")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("objective_id", "=", objectiveId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const db = database.db;
    const cycle = await db.insertInto("plan_cycles").values({ slug: "c", name: "C", status: "active" }).returning("id").executeTakeFirstOrThrow();
    const plan = await db
      .insertInto("plans")
      .values({ cycle_id: cycle.id, slug: "p", title: "P", mission: "m", vision: "v", values: "[]" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const domain = await db
      .insertInto("domains")
      .values({ plan_id: plan.id, slug: "d", name: "D", goal_statement: "g", position: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [position, slug] of ["a", "b"].entries()) {
      objectives[slug] = (
        await db
          .insertInto("objectives")
          .values({ domain_id: domain.id, slug, position: position + 1, text: slug.toUpperCase() })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    }
    userIds = (
      await db
        .insertInto("users")
        .values(Array.from({ length: 6 }, (_, index) => ({ email: `cache-${index}@example.org`, display_name: `Cache ${index}`, password_hash: null })))
        .returning("id")
        .execute()
    ).map((row) => row.id);

    bus = await createLiveBus(database);
    cache = createVisitorCache({ bus });
    const app = express();
    app.use((_req, res, next) => {
      res.locals.cspNonce = randomBytes(16).toString("base64");
      next();
    });
    app.use(cache.invalidateOnWrites());
    app.use(cache.serve());
    const answer = async (req: express.Request, res: express.Response, html: string, objectiveIds: number[] | null) => {
      const rendered = new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
      const response = await cache.store(req, res, rendered, { objectiveIds: objectiveIds && new Set(objectiveIds) });
      if (!response) return;
      res.status(response.status);
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.end(await response.text());
    };
    app.get("/objectives/:slug", async (req, res) => {
      const id = objectives[req.params.slug]!;
      const count = await supports(id);
      await holds.get(req.params.slug);
      await answer(req, res, `<script nonce="${res.locals.cspNonce}"></script><p>${req.params.slug}: ${count}</p>`, [id]);
    });
    app.get("/", async (req, res) => {
      const total = Number(
        (
          await database.db
            .selectFrom("support_votes")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      await answer(req, res, `<p>all: ${total}</p>`, null);
    });
    // A signed-in member's vote answered by this process.
    app.post("/vote/:slug/:user", async (req, res) => {
      await database.db
        .insertInto("support_votes")
        .values({ objective_id: objectives[req.params.slug]!, user_id: Number(req.params.user) })
        .execute();
      res.json({ ok: true });
    });
    server = await new Promise<Server>((resolve) => {
      const created = createServer(app);
      created.listen(0, "127.0.0.1", () => resolve(created));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await bus?.close();
    await database?.dispose();
  });

  const visit = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    const state = response.headers.get("x-visitor-cache");
    return { hit: state === "hit", waiting: state === "wait", html: await response.text() };
  };
  const key = (path: string) => `${url}${path}`;
  const eventually = async (check: () => boolean) => {
    for (let i = 0; i < 500 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(check()).toBe(true);
  };
  /** Every page cached, each served from memory once. */
  const warm = async () => {
    for (const path of ["/objectives/a", "/objectives/b", "/"]) {
      await visit(path);
      expect((await visit(path)).hit).toBe(true);
    }
  };

  it("a vote on objective A (another process's write) evicts A's page and the home page, not B's", async () => {
    await warm();
    const before = await supports(objectives.a!);
    // A write this process did not answer: it learns of it through the bus only.
    await database.db.insertInto("support_votes").values({ objective_id: objectives.a!, user_id: userIds[0]! }).execute();
    await eventually(() => !cache.has(key("/objectives/a")));
    expect(cache.has(key("/"))).toBe(false);
    expect(cache.has(key("/objectives/b"))).toBe(true);
    expect((await visit("/objectives/b")).hit).toBe(true);
    const a = await visit("/objectives/a");
    expect(a.hit).toBe(false);
    expect(a.html).toContain(`a: ${before + 1}`);
    expect((await visit("/")).html).toContain(`all: ${(await supports(objectives.a!)) + (await supports(objectives.b!))}`);
  });

  it("a write this process answers is never behind on this process: the next visitor page has it", async () => {
    await warm();
    const before = await supports(objectives.b!);
    const vote = await fetch(`${url}/vote/b/${userIds[1]}`, { method: "POST", headers: { cookie: `${SESSION_COOKIE_NAME}=x` } });
    expect(vote.status).toBe(200);
    // Straight after the answer, no waiting: B's page shows the vote.
    expect((await visit("/objectives/b")).html).toContain(`b: ${before + 1}`);
    // A's page stayed in memory; once the write's notification has arrived it is served from there again.
    expect(cache.has(key("/objectives/a"))).toBe(true);
    let a = await visit("/objectives/a");
    for (let attempt = 0; a.waiting && attempt < 200; attempt += 1) a = await visit("/objectives/a");
    expect(a.hit).toBe(true);
  });

  it("never stores a render that read the database before a write that touches it; keeps one that a write elsewhere did not", async () => {
    await warm();
    await database.db.insertInto("support_votes").values({ objective_id: objectives.a!, user_id: userIds[2]! }).execute();
    await eventually(() => !cache.has(key("/objectives/a")));
    let release = () => {};
    holds.set("a", new Promise<void>((resolve) => (release = resolve)));
    const overtaken = visit("/objectives/a");
    // The render has read its count; now a vote on A commits and is announced, then the render ends.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await database.db.insertInto("support_votes").values({ objective_id: objectives.a!, user_id: userIds[3]! }).execute();
    expect(await bus.caughtUp()).toBe(true);
    release();
    await overtaken;
    holds.delete("a");
    expect(cache.has(key("/objectives/a"))).toBe(false);
    // The same with a write to B instead: A's render is still current, and kept.
    await visit("/objectives/a");
    await database.db.insertInto("support_votes").values({ objective_id: objectives.b!, user_id: userIds[3]! }).execute();
    await bus.caughtUp();
    holds.set("a", Promise.resolve());
    expect((await visit("/objectives/a")).hit).toBe(true);
    holds.delete("a");
    expect(cache.has(key("/objectives/b"))).toBe(false);
  });

  it("a site-wide write (the plan) evicts every page; the dashboard's rollups evict only pages with no scope", async () => {
    await warm();
    await database.db.updateTable("insight_headline").set({ participants_all: 2 }).execute();
    expect(await bus.caughtUp()).toBe(true);
    expect(cache.has(key("/"))).toBe(false);
    expect(cache.has(key("/objectives/a"))).toBe(true);
    await database.db.updateTable("domains").set({ name: "D, renamed" }).execute();
    await bus.caughtUp();
    expect(cache.size).toBe(0);
  });

  it("answers each visitor with a fresh nonce, gzip-compressed once, and plain to a client that asks for no encoding", async () => {
    await warm();
    const raw = (headers: Record<string, string>) =>
      new Promise<{ encoding: string | undefined; csp: string | undefined; body: Buffer }>((resolve, reject) => {
        get(`${url}/objectives/a`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ encoding: res.headers["content-encoding"], csp: res.headers["x-visitor-cache"] as string, body: Buffer.concat(chunks) }),
          );
        }).on("error", reject);
      });
    const first = await raw({ "accept-encoding": "gzip, deflate, br" });
    const second = await raw({ "accept-encoding": "gzip" });
    expect(first.encoding).toBe("gzip");
    const nonces = [first, second].map((answer) => /nonce="([^"]+)"/.exec(gunzipSync(answer.body).toString())?.[1]);
    expect(nonces[0]).toBeTruthy();
    expect(nonces[0]).not.toBe(nonces[1]);
    const plain = await raw({ "accept-encoding": "gzip;q=0, identity" });
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toMatch(/^<script nonce="[^"]+"><\/script><p>a: \d+<\/p>$/);
  });
});
