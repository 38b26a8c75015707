import { readdirSync, readFileSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { join } from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { createSession, generateSessionToken, SECURE_SESSION_COOKIE_NAME } from "@planpulse/auth";
import { seedAll } from "@planpulse/core";
import { sql, type User } from "@planpulse/db";
import { createTestDatabase, type TestDatabase } from "@planpulse/db/testing";
import { makeUser } from "@planpulse/api/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDirectory, createAppHandler, listen, type AppName } from "./app-server";

/**
 * Hostile input for every Remix route of both apps, generated from the apps themselves so a new
 * route is covered the day it is added: every loader gets hostile query parameters (the names its
 * code reads, and others), every action hostile form fields, as a visitor, a member and an admin,
 * with hostile route parameters too. Whatever arrives, the answer is never a 5xx (finding 11: a NUL
 * byte in /search?q= was a 500). FC_ROUTE_RUNS per route and method (default 12).
 */
const RUNS = Number(process.env.FC_ROUTE_RUNS ?? 12);

type Route = { id: string; path: string; loader: boolean; action: boolean };

function routesOf(build: ServerBuild): Route[] {
  const full = (id: string | undefined): string => {
    if (!id) return "";
    const route = build.routes[id]!;
    const own = route.path ?? "";
    const parent = full(route.parentId);
    return own ? `${parent.replace(/\/$/, "")}/${own}` : parent;
  };
  return Object.values(build.routes)
    .filter((route) => route.id !== "root" && !route.path?.startsWith("api/trpc"))
    .map((route) => ({ id: route.id, path: full(route.id) || "/", loader: Boolean(route.module.loader), action: Boolean(route.module.action) }));
}

/** The query and form field names an app's code reads, and the literal values it compares them with. */
function namesAndLiterals(dirs: string[]): { names: string[]; literals: string[] } {
  const names = new Set<string>(["q", "redirectTo", "intent", "cursor", "sort", "view", "page", "id", "userId", "text", "body"]);
  const literals = new Set<string>();
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "node_modules" && entry !== "build") visit(join(path, entry));
      return;
    }
    if (!/\.(ts|tsx)$/.test(path) || path.includes(".test.")) return;
    const source = readFileSync(path, "utf8");
    for (const match of source.matchAll(/\.(?:get|getAll|has)\("([A-Za-z][\w-]{0,40})"\)/g)) names.add(match[1]!);
    for (const match of source.matchAll(/(?:===|case)\s*"([a-z][\w-]{0,30})"/g)) literals.add(match[1]!);
  };
  for (const dir of dirs) visit(dir);
  return { names: [...names].sort(), literals: [...literals].sort() };
}

const HOSTILE = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD83D",
  "x\uDE00y",
  "%00",
  "%",
  "\r\n",
  "/%09/evil.example",
  "//evil.example",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "-1",
  "0",
  "1",
  "2",
  "1e309",
  "NaN",
  "99999999999999999999",
  "\u202e\u0301😀",
  "a".repeat(5_000),
  "true",
  "[]",
  "{}",
];

describe("every Remix route under hostile input", () => {
  let database: TestDatabase;
  const started: Server[] = [];
  const users: Array<User | null> = [];
  let realValues: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    await seedAll(database.db, { demoPassword: "plan-pulse-demo", nodeEnv: "test" });
    users.push(null, await makeUser(database), await makeUser(database, { role: "admin" }));
    const slugs = await sql<{ slug: string }>`select slug from objectives union all select slug from domains`.execute(database.db);
    realValues = slugs.rows.slice(0, 6).map((row) => row.slug);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(started.map((server) => new Promise((resolve) => server.close(resolve))));
    await database.dispose();
  });

  describe.each(["portal", "admin"] as const)("%s", (app: AppName) => {
    let url = "";
    let routes: Route[] = [];
    let vocabulary = { names: [] as string[], literals: [] as string[] };

    beforeAll(async () => {
      const handler = await createAppHandler({ app, database, production: true, trustProxy: false });
      const server = await listen(handler, 0, "127.0.0.1");
      started.push(server);
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const build = (await import(join(appDirectory(app), "build", "server", "index.js"))) as ServerBuild;
      routes = routesOf(build);
      vocabulary = namesAndLiterals([join(appDirectory(app), "app"), join(appDirectory(app), "..", "..", "packages", "api", "src")]);
    });

    it("finds the routes and the names their code reads", () => {
      expect(routes.length).toBeGreaterThan(8);
      expect(vocabulary.names).toContain("q");
    });

    it("never answers a loader's hostile query or an action's hostile form with a 5xx", async () => {
      const value = () =>
        fc.oneof(
          fc.constantFrom(...HOSTILE, ...vocabulary.literals, ...realValues),
          fc.string({ maxLength: 20 }),
          fc.string({ unit: "binary", maxLength: 20 }),
        );
      const fields = fc.array(
        fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...vocabulary.names), weight: 4 }, { arbitrary: fc.string({ maxLength: 8 }), weight: 1 }), value()),
        { maxLength: 6 },
      );
      const failures: string[] = [];
      for (const route of routes) {
        for (const method of ["GET", "POST"] as const) {
          if (method === "GET" && !route.loader) continue;
          if (method === "POST" && !route.action) continue;
          await fc
            .assert(
              fc.asyncProperty(
                fc.nat({ max: users.length - 1 }),
                fc.array(value(), { minLength: 3, maxLength: 3 }),
                fields,
                fc.boolean(),
                async (who, params, pairs, dataRequest) => {
                  let index = 0;
                  const path = route.path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(params[index++ % params.length]!)) || "/";
                  const search = new URLSearchParams();
                  for (const [name, fieldValue] of pairs) search.append(name, fieldValue);
                  const user = users[who];
                  const headers: Record<string, string> = { origin: url, accept: dataRequest ? "*/*" : "text/html" };
                  if (user) {
                    const token = generateSessionToken();
                    await createSession(database.db, token, user.id);
                    headers.cookie = `${SECURE_SESSION_COOKIE_NAME}=${token}`; // production: true
                  }
                  const target = dataRequest ? `${path === "/" ? "/_root" : path.replace(/\/$/, "")}.data` : path;
                  const response =
                    method === "GET"
                      ? await fetch(`${url}${target}?${search}`, { headers, redirect: "manual" })
                      : await fetch(`${url}${target}`, {
                          method: "POST",
                          headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
                          body: search.toString(),
                          redirect: "manual",
                        });
                  await response.arrayBuffer();
                  if (response.status >= 500) failures.push(`${method} ${target}?${search} as ${user?.role ?? "visitor"}: ${response.status}`);
                  return response.status < 500;
                },
              ),
              { numRuns: RUNS, endOnFailure: true },
            )
            .catch(() => {});
        }
      }
      expect(failures).toEqual([]);
    }, 900_000);

    it("answers /search?q=a%00b and friends with a page, not a 500", async () => {
      if (app !== "portal") return;
      for (const q of ["a%00b", "%00", "%ED%A0%BD", "a%ED%B8%80b"]) {
        const response = await fetch(`${url}/search?q=${q}`);
        expect(response.status, q).toBeLessThan(500);
        const data = await fetch(`${url}/search.data?q=${q}`);
        expect(data.status, q).toBeLessThan(500);
      }
    });
  });
});
