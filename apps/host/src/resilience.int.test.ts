import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createDb, type Database } from "@planpulse/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppHandler, listen } from "./app-server";

// A database that cannot be reached (nothing listens on port 1): every request gets a clear 503 with
// Retry-After — a page for documents, JSON for tRPC and Remix data requests — and nothing crashes.
describe("the portal while PostgreSQL is unreachable", () => {
  let database: Database;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    database = await createDb({ url: "postgres://postgres@127.0.0.1:1/planpulse_nowhere", connectTimeoutMs: 1_000, onPoolError: () => {} });
    server = await listen(await createAppHandler({ app: "portal", database, production: true, trustProxy: false }), 0, "127.0.0.1");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    if (server) await new Promise((resolve) => server.close(resolve));
    await database?.close();
  });

  it("answers a page with a 503 page and Retry-After", async () => {
    const response = await fetch(`${url}/`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("briefly unavailable");
  });

  it("answers tRPC with a JSON 503 and Retry-After, queries and mutations alike", async () => {
    const query = await fetch(`${url}/api/trpc/plan.get`);
    expect(query.status).toBe(503);
    expect(query.headers.get("retry-after")).not.toBeNull();
    const body = (await query.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe("SERVICE_UNAVAILABLE");
    const mutation = await fetch(`${url}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "someone@example.org", password: "whatever it is" }),
    });
    expect(mutation.status).toBe(503);
    expect(mutation.headers.get("retry-after")).not.toBeNull();
  });

  it("answers a Remix data request and a form post with 503", async () => {
    const data = await fetch(`${url}/_root.data`);
    expect(data.status).toBe(503);
    expect(data.headers.get("retry-after")).not.toBeNull();
    const form = new FormData();
    form.set("email", "someone@example.org");
    form.set("password", "whatever it is");
    const post = await fetch(`${url}/login`, { method: "POST", body: form, redirect: "manual" });
    expect(post.status).toBe(503);
    expect(post.headers.get("retry-after")).not.toBeNull();
  });

  it("reports itself unhealthy", async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).not.toBeNull();
  });
});
