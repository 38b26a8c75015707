import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtHosts, scratchDatabaseUrl, SESSION_COOKIE as COOKIE, trpc } from "./testing";

// Two portal processes, one PostgreSQL database: nothing lives in a process's memory that another
// process needs (sessions, rate limits and votes are rows), so a load balancer may send any request
// anywhere. Runs only against real PostgreSQL (TEST_DATABASE_URL).
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("two portal processes behind one database", () => {
  const name = `planpulse_test_e_two_${process.pid}`;
  const databaseUrl = serverUrl ? scratchDatabaseUrl(serverUrl, name) : "";
  const hosts = builtHosts(databaseUrl);
  const portals = ["http://127.0.0.1:3265", "http://127.0.0.1:3267"] as const;

  async function admin<T>(work: (client: pg.Client) => Promise<T>, url = serverUrl!): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  const me = async (base: string, token: string) => {
    const response = await fetch(`${base}/api/trpc/me.get`, { headers: { cookie: `${COOKIE}=${token}` } });
    return ((await response.json()) as { result?: { data: { id: number } | null } }).result?.data ?? null;
  };

  beforeAll(async () => {
    await admin((client) => client.query(`create database ${name}`));
    // One after the other: the first migrates and seeds, the second finds everything in place.
    await hosts.start(3265, 3266);
    await hosts.start(3267, 3268);
  }, 200_000);

  afterAll(async () => {
    await hosts.stop();
    if (serverUrl) await admin((client) => client.query(`drop database if exists ${name} with (force)`));
  }, 60_000);

  it("signs in on one process and is recognised, then signed out, on the other", async () => {
    const email = `two-${Date.now()}@example.org`;
    const signUp = await trpc(portals[0], "auth.signUp", { displayName: "Two Processes", email, password: "a long enough password" });
    expect(signUp.status).toBe(200);
    const signIn = await trpc(portals[1], "auth.signIn", { email, password: "a long enough password" });
    expect(signIn.status).toBe(200);
    const id = signUp.body.result!.data.id as number;
    expect((await me(portals[1], signUp.token!))?.id).toBe(id);
    expect((await me(portals[0], signIn.token!))?.id).toBe(id);
    expect((await trpc(portals[1], "auth.signOut", null, signUp.token)).status).toBe(200);
    expect(await me(portals[0], signUp.token!)).toBeNull();
    expect((await me(portals[0], signIn.token!))?.id).toBe(id);
  });

  it("shares the sign-in rate limit across processes", async () => {
    const email = `limit-two-${Date.now()}@example.org`;
    await trpc(portals[0], "auth.signUp", { displayName: "Rate Limited", email, password: "a long enough password" });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await trpc(portals[attempt % 2]!, "auth.signIn", { email, password: "wrong password" })).status).toBe(401);
    }
    expect((await trpc(portals[0], "auth.signIn", { email, password: "a long enough password" })).status).toBe(429);
    expect((await trpc(portals[1], "auth.signIn", { email, password: "a long enough password" })).status).toBe(429);
  });

  it("counts votes sent to both processes exactly", async () => {
    const objective = await admin(async (client) => (await client.query(`select id from objectives order by id limit 1`)).rows[0].id as number, databaseUrl);
    const before = await admin(
      async (client) => (await client.query(`select count(*)::int as n from support_votes where objective_id = $1`, [objective])).rows[0].n as number,
      databaseUrl,
    );
    const tokens: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      const signUp = await trpc(portals[index % 2]!, "auth.signUp", {
        displayName: `Voter ${index}`,
        email: `voter-${Date.now()}-${index}@example.org`,
        password: "a long enough password",
      });
      tokens.push(signUp.token!);
    }
    // Taking part needs a confirmed address (the mailed link does it; here it is set directly).
    await admin((client) => client.query(`update users set email_verified_at = now() where email like 'voter-%'`), databaseUrl);
    // Every member supports from one process and re-confirms from the other, all at once.
    const results = await Promise.all(
      tokens.flatMap((token, index) => [
        trpc(portals[index % 2]!, "vote.toggle", { objectiveId: objective, supported: true }, token),
        trpc(portals[(index + 1) % 2]!, "vote.toggle", { objectiveId: objective, supported: true }, token),
      ]),
    );
    expect(results.map((result) => result.status)).toEqual(results.map(() => 200));
    const after = await admin(
      async (client) => (await client.query(`select count(*)::int as n from support_votes where objective_id = $1`, [objective])).rows[0].n as number,
      databaseUrl,
    );
    expect(after).toBe(before + 8);
    // One member withdraws through the other process; both processes report the same count.
    const withdrawn = await trpc(portals[1], "vote.toggle", { objectiveId: objective, supported: false }, tokens[0]);
    expect(withdrawn.body.result!.data.count).toBe(before + 7);
    const check = await trpc(portals[0], "vote.toggle", { objectiveId: objective, supported: true }, tokens[1]);
    expect(check.body.result!.data.count).toBe(before + 7);
  });
});
