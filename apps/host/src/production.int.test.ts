import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { seedAll } from "@planpulse/core";
import { sql } from "@planpulse/db";
import { createTestDatabase, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAppHandler, listen, type AppName } from "./app-server";

// Finding 4 (stack traces): `pnpm start` used to run Remix in development mode, which puts the
// error's message and stack into the page and into data requests. Outside `pnpm dev` (Vite) nothing a
// client receives names a file, a line or a query — deployment or local trial alike.

type Started = { server: Server; url: string };

async function start(database: TestDatabase, app: AppName, production: boolean): Promise<Started> {
  const handler = await createAppHandler({ app, database, production, trustProxy: false });
  const server = await listen(handler, 0, "127.0.0.1");
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What a leaked internal error looks like: a stack frame, a source path, or the database's words. */
const LEAKS = [/\bat [\w.<>]+ \(/, /\.(?:ts|js|tsx):\d+/, /node_modules/, /does not exist/, /relation "/, /"stack"/];

describe("errors reach clients without internals", () => {
  let database: TestDatabase;
  const started: Started[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    await seedAll(database.db, { demoPassword: "plan-pulse-demo", nodeEnv: "test" });
    // A real fault, not a mock: the plan's table is gone, so every page that reads it fails.
    await sql`alter table objectives rename to objectives_gone`.execute(database.db);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(started.map(({ server }) => new Promise((resolve) => server.close(resolve))));
    await database.dispose();
  });

  describe.each([
    ["a local trial (pnpm start)", false],
    ["a deployment (NODE_ENV=production)", true],
  ])("%s", (_label, production) => {
    let portal: Started;
    beforeAll(async () => {
      portal = await start(database, "portal", production);
      started.push(portal);
    });

    it.each([
      ["a page", "/", "text/html"],
      ["a Remix data request", "/_root.data", "*/*"],
      ["a route's data", "/priorities.data", "*/*"],
      ["a tRPC query", "/api/trpc/plan.get", "application/json"],
      ["a batched tRPC query", "/api/trpc/plan.get,plan.get?batch=1&input=%7B%7D", "application/json"],
    ])("answers %s that fails with a plain 500", async (_what, path, accept) => {
      // The server logs the fault (that is its job); the client gets none of it.
      const consoleError = vi.mocked(console.error);
      const failOnLog = consoleError.getMockImplementation()!;
      consoleError.mockImplementation(() => {});
      const response = await fetch(`${portal.url}${path}`, { headers: { accept } });
      const body = await response.text();
      consoleError.mockImplementation(failOnLog);
      expect(response.status).toBeGreaterThanOrEqual(500);
      for (const leak of LEAKS) expect(body, `${path} leaks ${leak}`).not.toMatch(leak);
    });
  });
});
