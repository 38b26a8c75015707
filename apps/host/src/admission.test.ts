import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { admissionControl } from "./resilience";

// A tiny app whose requests finish only when the test says so, behind the admission control. It
// notes when a request reaches the server and when its connection closes, both before admission
// control sees them, so the tests wait for those events instead of sleeping.
async function start(options: { concurrency: number; maxQueue: number }) {
  const holds: Array<() => void> = [];
  const started: string[] = [];
  const arrived: string[] = [];
  const closed: string[] = [];
  const app = express();
  app.use((req, res, next) => {
    arrived.push(req.path);
    res.on("close", () => closed.push(req.path));
    next();
  });
  app.use(admissionControl({ ...options, exempt: (req) => req.path === "/healthz" }));
  app.get("/healthz", (_req, res) => res.send("ok"));
  app.get("/work/:name", (req, res) => {
    started.push(req.params.name);
    holds.push(() => res.send(req.params.name));
  });
  const server = await new Promise<Server>((resolve) => {
    const created = createServer(app);
    created.listen(0, "127.0.0.1", () => resolve(created));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, holds, started, arrived, closed };
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe("admission control", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("runs at most `concurrency` requests, queues the next in order, sheds beyond the queue with 503", async () => {
    const app = await start({ concurrency: 2, maxQueue: 1 });
    server = app.server;
    const first = fetch(`${app.url}/work/a`);
    const second = fetch(`${app.url}/work/b`);
    await waitFor(() => app.started.length === 2);
    const third = fetch(`${app.url}/work/c`);
    await waitFor(() => app.arrived.includes("/work/c"));
    expect(app.started).toEqual(["a", "b"]);

    const shed = await fetch(`${app.url}/work/d`, { headers: { accept: "text/html" } });
    expect(shed.status).toBe(503);
    expect(Number(shed.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await shed.text()).toContain("busy");
    // The health check never waits in line.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);

    app.holds.shift()!();
    expect(await (await first).text()).toBe("a");
    await waitFor(() => app.started.length === 3);
    expect(app.started).toEqual(["a", "b", "c"]);
    for (const hold of app.holds.splice(0)) hold();
    expect(await (await second).text()).toBe("b");
    expect(await (await third).text()).toBe("c");
  });

  it("gives a place up when the waiting client leaves", async () => {
    const app = await start({ concurrency: 1, maxQueue: 5 });
    server = app.server;
    const first = fetch(`${app.url}/work/a`);
    await waitFor(() => app.started.length === 1);
    const leaving = new AbortController();
    const abandoned = fetch(`${app.url}/work/gone`, { signal: leaving.signal }).catch(() => null);
    await waitFor(() => app.arrived.includes("/work/gone"));
    leaving.abort();
    await abandoned;
    await waitFor(() => app.closed.includes("/work/gone"));
    const last = fetch(`${app.url}/work/z`);
    await waitFor(() => app.arrived.includes("/work/z"));
    app.holds.shift()!();
    await first;
    await waitFor(() => app.started.length === 2);
    expect(app.started).toEqual(["a", "z"]);
    app.holds.shift()!();
    expect(await (await last).text()).toBe("z");
  });
});
