import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createSession, generateSessionToken, SECURE_SESSION_COOKIE_NAME } from "@planpulse/auth";
import { seedAll, setStance, toggleSupport } from "@planpulse/core";
import { createTestDatabase, type TestDatabase } from "@planpulse/db/testing";
import { makeUser } from "@planpulse/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppHandler, listen } from "./app-server";

// Issue 16, "lighter signed-in pages": how many SQL statements one objective page costs, counted
// at the query builder (every statement the app sends, raw SQL included; BEGIN/COMMIT not counted).
// The ceilings hold the folded page; the counts are printed for the bench notes.

type KyselyPlugin = Parameters<TestDatabase["db"]["withPlugin"]>[0];

// Before the fold (session 4): member 11, visitor 6; after it: member 7, visitor 4. Plan cycles (decision
// 024) then added the cycle lookups (the objective's cycle, its figures per cycle, the archive check of
// the thread): member 11, visitor 8. Folded back (decision 026): the cycle and the continued objective
// into the objective's statement, the cycle into the thread's, the current plan into the figures'.
// Member 7 (session, unread count, objective, progress, figures, own engagement, thread), visitor 4.
const CEILINGS = { member: 7, visitor: 4 };

describe("SQL statements per objective page", () => {
  let database: TestDatabase;
  let server: Server;
  let url: string;
  let cookie: string;
  let slug: string;
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    await seedAll(database.db, { demoPassword: "plan-pulse-demo", nodeEnv: "test" });
    const objective = await database.db.selectFrom("objectives").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    slug = objective.slug;
    const member = await makeUser(database, { role: "member" });
    await toggleSupport(database.db, { userId: member.id, objectiveId: objective.id, supported: true });
    await setStance(database.db, { userId: member.id, objectiveId: objective.id, stance: "support" });
    const token = generateSessionToken();
    await createSession(database.db, token, member.id);
    cookie = `${SECURE_SESSION_COOKIE_NAME}=${token}`;
    const handler = await createAppHandler({
      app: "portal",
      database: { ...database, db: database.db.withPlugin(counter) },
      production: true,
      trustProxy: false,
    });
    server = await listen(handler, 0, "127.0.0.1");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.dispose();
  });

  const count = async (path: string, headers: Record<string, string> = {}) => {
    // Warm once (lazy caches), then count one request.
    await (await fetch(`${url}${path}`, { headers })).text();
    statements = 0;
    const response = await fetch(`${url}${path}`, { headers });
    expect(response.status).toBe(200);
    await response.text();
    return statements;
  };

  it("stays within its ceiling for a signed-in member and for a visitor", async () => {
    const member = await count(`/objectives/${slug}`, { cookie });
    const visitor = await count(`/objectives/${slug}`);
    console.log(`[statements] objective page: member ${member}, visitor ${visitor}`);
    expect(member).toBeLessThanOrEqual(CEILINGS.member);
    expect(visitor).toBeLessThanOrEqual(CEILINGS.visitor);
  });
});
