import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { seedAll, throttleKey } from "@planpulse/core";
import { sql } from "@planpulse/db";
import { createTestDatabase, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppHandler, listen } from "./app-server";
import { readEnv } from "./env";

// Finding 6 (proxy part): with TRUST_PROXY=1 the client address was the leftmost X-Forwarded-For
// entry, which the client writes itself, so anyone could pick their own rate-limit key. Now
// TRUST_PROXY counts hops from the right (or names the proxies), and the load context's clientIp is
// the one place the address is decided. Observed where it is used: the sign-in attempts' address key.

describe("TRUST_PROXY", () => {
  it.each([
    ["0", 0],
    ["", 0],
    ["1", 1],
    ["2", 2],
    ["10.0.0.1", ["10.0.0.1"]],
    ["10.0.0.1, 10.1.0.0/16, ::1, fd00::/8", ["10.0.0.1", "10.1.0.0/16", "::1", "fd00::/8"]],
  ])("reads %j", (value, expected) => {
    expect(readEnv({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each(["true", "all", "*", "yes", "-1", "10.0.0.300", "10.0.0.0/33", "proxy.example", "1.2.3.4/8/8"])("refuses %j with the variable's name", (value) => {
    expect(() => readEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });

  it("defaults to no proxy", () => {
    expect(readEnv({}).TRUST_PROXY).toBe(0);
  });
});

describe("the client address behind proxies", () => {
  let database: TestDatabase;
  const servers: Server[] = [];

  async function app(trustProxy: number | string[]): Promise<string> {
    const handler = await createAppHandler({ app: "portal", database, production: true, trustProxy });
    const server = await listen(handler, 0, "127.0.0.1");
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The (hashed) key a sign-in attempt from this address is counted under. */
  const addressKey = (ip: string) => throttleKey("sign-in-address", ip);

  /** A failed sign-in through the given X-Forwarded-For; answers the throttle keys it was counted under. */
  async function keyFor(url: string, forwardedFor: string | null): Promise<string[]> {
    await sql`delete from attempt_throttles`.execute(database.db);
    const response = await fetch(`${url}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url, ...(forwardedFor === null ? {} : { "x-forwarded-for": forwardedFor }) },
      body: JSON.stringify({ email: `nobody-${Math.random()}@example.org`, password: "wrong password" }),
    });
    expect(response.status).toBe(401);
    const rows = await sql<{ key: string }>`select key from attempt_throttles`.execute(database.db);
    return rows.rows.map((row) => row.key);
  }

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    await seedAll(database.db, { demoPassword: "plan-pulse-demo", nodeEnv: "test" });
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await database.dispose();
  });

  it("with one hop, takes the address the proxy added (rightmost), whatever the client wrote before it", async () => {
    const url = await app(1);
    for (const spoofed of ["203.0.113.7", "203.0.113.7, 198.51.100.1", "unknown", "::ffff:203.0.113.7", ""]) {
      const keys = await keyFor(url, spoofed ? `${spoofed}, 192.0.2.50` : "192.0.2.50");
      expect(keys, spoofed).toContain(addressKey("192.0.2.50"));
      expect(keys, spoofed).not.toContain(addressKey("203.0.113.7"));
      expect(keys, spoofed).not.toContain(addressKey("::ffff:203.0.113.7"));
    }
    // Two X-Forwarded-For headers are one list; the last entry still wins.
    const response = await fetch(`${url}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: [
        ["content-type", "application/json"],
        ["origin", url],
        ["x-forwarded-for", "192.0.2.51"],
        ["x-forwarded-for", "203.0.113.9"],
      ],
      body: JSON.stringify({ email: "nobody@example.org", password: "wrong password" }),
    });
    expect(response.status).toBe(401);
  });

  it("with two hops, takes the second from the right", async () => {
    const url = await app(2);
    const keys = await keyFor(url, "203.0.113.7, 192.0.2.60, 10.0.0.2");
    expect(keys).toContain(addressKey("192.0.2.60"));
  });

  it("with the proxy's address listed, trusts only that proxy", async () => {
    const url = await app(["127.0.0.1"]);
    const keys = await keyFor(url, "203.0.113.7, 192.0.2.70");
    expect(keys).toContain(addressKey("192.0.2.70"));
    const notListed = await app(["10.9.9.9"]);
    const direct = await keyFor(notListed, "192.0.2.70");
    expect(direct).toContain(addressKey("127.0.0.1"));
  });

  it("without a proxy, ignores X-Forwarded-For entirely", async () => {
    const url = await app(0);
    const keys = await keyFor(url, "192.0.2.80");
    expect(keys).toContain(addressKey("127.0.0.1"));
    expect(keys).not.toContain(addressKey("192.0.2.80"));
  });
});
