import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createSession, generateSessionToken, SECURE_SESSION_COOKIE_NAME, SESSION_COOKIE_NAME } from "@planpulse/auth";
import { seedAll } from "@planpulse/core";
import type { Role } from "@planpulse/db";
import { createTestDatabase, type TestDatabase } from "@planpulse/db/testing";
import { makeUser } from "@planpulse/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppHandler, listen, type AppName } from "./app-server";

// Finding 13: authenticated pages, data requests, tRPC answers and CSVs carried no
// `Cache-Control: no-store`, and the session cookie had no `__Host-` prefix in production.

type Started = { server: Server; url: string };
const started: Started[] = [];

async function start(database: TestDatabase, app: AppName, production: boolean): Promise<Started> {
  const handler = await createAppHandler({ app, database, production, trustProxy: false });
  const server = await listen(handler, 0, "127.0.0.1");
  const result = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  started.push(result);
  return result;
}

describe("responses for signed-in people, and the session cookie", () => {
  let database: TestDatabase;
  let portal: Started;
  let admin: Started;
  let devPortal: Started;
  const cookieFor = async (role: Role, name = SECURE_SESSION_COOKIE_NAME) => {
    const user = await makeUser(database, { role });
    const token = generateSessionToken();
    await createSession(database.db, token, user.id);
    return { cookie: `${name}=${token}`, user };
  };

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    await seedAll(database.db, { demoPassword: "plan-pulse-demo", nodeEnv: "test" });
    portal = await start(database, "portal", true);
    admin = await start(database, "admin", true);
    devPortal = await start(database, "portal", false);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(started.map(({ server }) => new Promise((resolve) => server.close(resolve))));
    await database.dispose();
  });

  it.each([
    ["portal", "member", "/"],
    ["portal", "member", "/me"],
    ["portal", "member", "/priorities"],
    ["portal", "member", "/search?q=plan"],
    ["portal", "member", "/_root.data"],
    ["portal", "member", "/me.data"],
    ["portal", "member", "/me/export"],
    ["portal", "member", "/api/trpc/me.get"],
    ["portal", "member", "/api/trpc/plan.get"],
    ["portal", "member", "/no-such-page"],
    ["admin", "admin", "/"],
    ["admin", "admin", "/users"],
    ["admin", "admin", "/audit.csv"],
    ["admin", "leader", "/dashboard/export/objectives"],
    ["admin", "leader", "/dashboard.data"],
    ["admin", "member", "/users"],
  ] as const)("%s %s %s: no-store", async (app, role, path) => {
    const { cookie } = await cookieFor(role);
    const response = await fetch(`${(app === "portal" ? portal : admin).url}${path}`, { headers: { cookie }, redirect: "manual" });
    await response.arrayBuffer();
    expect(response.status, path).toBeLessThan(500);
    expect(response.headers.get("cache-control"), `${path} → ${response.status}`).toBe("no-store");
  });

  it("sends no-store with every cookie it sets: tRPC sign-in, the Remix sign-in form, sign-out", async () => {
    const email = `cache-${Date.now()}@example.org`;
    const signUp = await fetch(`${portal.url}/api/trpc/auth.signUp`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: portal.url },
      body: JSON.stringify({ displayName: "Cache Test", email, password: "a long enough password" }),
    });
    expect(signUp.status).toBe(200);
    expect(signUp.headers.getSetCookie().length).toBeGreaterThan(0);
    expect(signUp.headers.get("cache-control")).toBe("no-store");

    const form = new URLSearchParams({ email, password: "a long enough password", redirectTo: "/priorities" });
    const signIn = await fetch(`${portal.url}/login`, {
      method: "POST",
      headers: { origin: portal.url, "content-type": "application/x-www-form-urlencoded" },
      body: form,
      redirect: "manual",
    });
    expect(signIn.status).toBe(302);
    const cookies = signIn.headers.getSetCookie();
    expect(cookies.some((cookie) => cookie.startsWith(`${SECURE_SESSION_COOKIE_NAME}=`))).toBe(true);
    expect(signIn.headers.get("cache-control")).toBe("no-store");

    const session = cookies.find((cookie) => cookie.startsWith(`${SECURE_SESSION_COOKIE_NAME}=`))!;
    expect(session).toMatch(/; Path=\/;/);
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).not.toMatch(/Domain=/i);
  });

  it("shares one sign-in between both apps (decision 004), under the __Host- name", async () => {
    const { cookie, user } = await cookieFor("admin");
    for (const app of [portal, admin]) {
      const response = await fetch(`${app.url}/api/trpc/me.get`, { headers: { cookie } });
      const body = (await response.json()) as { result: { data: { id: number } | null } };
      expect(body.result.data?.id).toBe(user.id);
    }
  });

  it("ignores a session cookie without the prefix in production (it could be planted), and uses the plain name outside it", async () => {
    const { cookie } = await cookieFor("member", SESSION_COOKIE_NAME);
    const planted = await fetch(`${portal.url}/api/trpc/me.get`, { headers: { cookie } });
    expect(((await planted.json()) as { result: { data: unknown } }).result.data).toBeNull();
    const local = await fetch(`${devPortal.url}/api/trpc/me.get`, { headers: { cookie } });
    expect(((await local.json()) as { result: { data: unknown } }).result.data).not.toBeNull();
  });

  it("still lets everyone cache the fingerprinted assets", async () => {
    const { cookie } = await cookieFor("member");
    const html = await (await fetch(`${portal.url}/`, { headers: { cookie } })).text();
    const asset = /\/assets\/[\w.-]+\.js/.exec(html)![0];
    const response = await fetch(`${portal.url}${asset}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });
});
