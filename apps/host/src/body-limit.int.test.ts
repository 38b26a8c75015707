import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { seedAll } from "@planpulse/core";
import { createTestDatabase, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppHandler, listen, type AppName } from "./app-server";
import { bodyLimitFor, DEFAULT_BODY_LIMIT_BYTES } from "./body-limit";

// Finding 1: one oversized request used to take both apps down (a 150 MB JSON body to auth.signIn
// exhausted the heap). Every body is now refused past its route's limit before Remix or tRPC parse it,
// whether its size is declared or streamed in chunks, and the process keeps serving.

const MB = 1024 * 1024;
type Started = { server: Server; port: number; url: string };

async function start(database: TestDatabase, app: AppName): Promise<Started> {
  const handler = await createAppHandler({ app, database, production: true, trustProxy: false });
  const server = await listen(handler, 0, "127.0.0.1");
  const port = (server.address() as AddressInfo).port;
  return { server, port, url: `http://127.0.0.1:${port}` };
}

type Sent = { status: number | null; body: string; contentType: string | undefined; bytesSent: number; error?: string };

/** Memory that would grow if the server kept what it read: JS heap plus Buffers. */
const memory = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

/**
 * Sends `size` bytes to `path` as an attacker would: with a declared Content-Length, or chunked
 * (no length), writing as fast as the socket takes it and stopping once an answer arrives.
 */
function send(target: Started, path: string, size: number, options: { chunked: boolean; contentType: string; accept?: string }): Promise<Sent> {
  return new Promise((resolve) => {
    let bytesSent = 0;
    let settled = false;
    const headers: Record<string, string> = { "content-type": options.contentType, origin: target.url, accept: options.accept ?? "*/*" };
    if (!options.chunked) headers["content-length"] = String(size);
    const request = http.request({ host: "127.0.0.1", port: target.port, path, method: "POST", headers });
    const finish = (result: Omit<Sent, "bytesSent">) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, bytesSent });
      request.destroy();
    };
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        finish({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString(), contentType: response.headers["content-type"] }),
      );
      response.on("error", () =>
        finish({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString(), contentType: response.headers["content-type"] }),
      );
    });
    request.on("error", (error) => finish({ status: null, body: "", contentType: undefined, error: error.message }));
    const chunk = Buffer.alloc(64 * 1024, options.contentType.includes("json") ? " " : "a");
    const pump = () => {
      while (!settled && bytesSent < size) {
        bytesSent += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", pump);
          return;
        }
      }
      if (!settled && bytesSent >= size) request.end();
    };
    pump();
  });
}

describe("request body limits", () => {
  let database: TestDatabase;
  const apps = {} as Record<AppName, Started>;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    await seedAll(database.db, { demoPassword: "plan-pulse-demo", nodeEnv: "test" });
    apps.portal = await start(database, "portal");
    apps.admin = await start(database, "admin");
  }, 180_000);
  afterAll(async () => {
    await Promise.all(Object.values(apps).map(({ server }) => new Promise((resolve) => server.close(resolve))));
    await database.dispose();
  });

  const targets: Array<[AppName, string, string]> = [
    ["portal", "/api/trpc/auth.signIn", "application/json"],
    ["admin", "/api/trpc/auth.signIn", "application/json"],
    ["portal", "/login", "application/x-www-form-urlencoded"],
    ["admin", "/login", "application/x-www-form-urlencoded"],
    ["portal", "/signup", "multipart/form-data; boundary=x"],
    ["portal", "/login.data", "application/x-www-form-urlencoded"],
  ];

  describe.each(targets)("%s %s (%s)", (app, path, contentType) => {
    it.each([
      ["a declared 150 MB body", { size: 150 * MB, chunked: false }],
      ["a chunked 200 MB body", { size: 200 * MB, chunked: true }],
    ])("refuses %s with 413, keeps memory bounded and serves the next request", async (_label, { size, chunked }) => {
      const target = apps[app];
      const baseline = memory();
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, memory())), 5);
      const sent = await send(target, path, size, { chunked, contentType });
      clearInterval(sampler);
      peak = Math.max(peak, memory());
      expect(sent.error, `no answer after ${sent.bytesSent} bytes`).toBeUndefined();
      expect(sent.status).toBe(413);
      expect(sent.body).toContain("too large");
      if (path.startsWith("/api/") || path.endsWith(".data")) expect(sent.contentType).toContain("application/json");
      // The server stopped reading long before the whole body went out.
      expect(sent.bytesSent).toBeLessThan(size / 4);
      expect(peak - baseline).toBeLessThan(48 * MB);
      const next = await fetch(`${target.url}/healthz`);
      expect(next.status).toBe(200);
      const page = await fetch(`${target.url}/login`);
      expect(page.status).toBe(200);
    });
  });

  it("answers a page with an HTML 413 that says what the limit is", async () => {
    const sent = await send(apps.portal, "/login", 1 * MB, { chunked: false, contentType: "application/x-www-form-urlencoded", accept: "text/html" });
    expect(sent.status).toBe(413);
    expect(sent.contentType).toContain("text/html");
    expect(sent.body).toContain("at most 128 KB");
  });

  it("still accepts an ordinary sign-in just under the limit", async () => {
    const padding = "x".repeat(DEFAULT_BODY_LIMIT_BYTES - 200);
    const response = await fetch(`${apps.portal.url}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: apps.portal.url },
      body: JSON.stringify({ email: "nobody@example.org", password: "wrong password", padding }),
    });
    expect(response.status).toBe(401);
  });

  it("gives the plan import its larger limit, and only on the admin app's import route", async () => {
    expect(bodyLimitFor("admin", "/plan/import")).toBeGreaterThan(2 * MB);
    for (const path of ["/plan/import/", "/PLAN/Import", "/plan/import.data"])
      expect(bodyLimitFor("admin", path), path).toBe(bodyLimitFor("admin", "/plan/import"));
    for (const [app, path] of [
      ["portal", "/plan/import"],
      ["admin", "/plan/import/extra"],
      ["admin", "/api/trpc/planAdmin.applyImport"],
    ] as const) {
      expect(bodyLimitFor(app, path), `${app} ${path}`).toBe(DEFAULT_BODY_LIMIT_BYTES);
    }
    // 1 MB of plan text reaches the route (which asks for a sign-in), 4 MB does not.
    const text = `text=${"a".repeat(1 * MB)}`;
    const accepted = await fetch(`${apps.admin.url}/plan/import`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: apps.admin.url },
      body: text,
      redirect: "manual",
    });
    expect(accepted.status).not.toBe(413);
    expect(accepted.status).toBeLessThan(500);
    const refused = await send(apps.admin, "/plan/import", 4 * MB, { chunked: true, contentType: "application/x-www-form-urlencoded" });
    expect(refused.status).toBe(413);
    const overTrpc = await send(apps.admin, "/api/trpc/planAdmin.applyImport", 1 * MB, { chunked: false, contentType: "application/json" });
    expect(overTrpc.status).toBe(413);
  });

  it("refuses a body on a GET too, and survives a client that leaves mid-body", async () => {
    const response = await new Promise<number | undefined>((resolve) => {
      const request = http.request({ host: "127.0.0.1", port: apps.portal.port, path: "/", method: "GET", headers: { "content-length": String(50 * MB) } });
      request.on("response", (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      request.on("error", () => resolve(undefined));
      request.write("x");
    });
    expect(response).toBe(413);
    await new Promise<void>((resolve) => {
      const request = http.request({
        host: "127.0.0.1",
        port: apps.portal.port,
        path: "/login",
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      request.on("error", () => resolve());
      request.write("email=someone");
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 50);
    });
    expect((await fetch(`${apps.portal.url}/healthz`)).status).toBe(200);
  });
});
