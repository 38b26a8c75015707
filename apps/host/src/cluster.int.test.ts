import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 16, "every core": the built host on PostgreSQL with WEB_CONCURRENCY=2 runs two workers
// behind one port per app. Both answer; the scheduled work runs in the one holding the advisory
// lock, and another worker takes it over within seconds when that one is killed; a killed worker
// is replaced; SIGTERM lets an in-flight request finish before the host exits.
const serverUrl = process.env.TEST_DATABASE_URL;
const hostDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const PORTAL_PORT = Number(process.env.TEST_CLUSTER_PORTAL_PORT ?? 3510);
const ADMIN_PORT = Number(process.env.TEST_CLUSTER_ADMIN_PORT ?? 3511);
const portal = `http://127.0.0.1:${PORTAL_PORT}`;
/** How long a surviving worker may take to pick the scheduler lock up (it retries every 2 s). */
const TAKEOVER_LIMIT_MS = 10_000;

describe.skipIf(!serverUrl)("the host on every core (WEB_CONCURRENCY=2, PostgreSQL)", () => {
  const name = `planpulse_test_e_cluster_${process.pid}`;
  const databaseUrl = serverUrl ? Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString() : "";
  let host: ChildProcess;
  let output = "";
  let exited: Promise<number | null>;

  async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = [], url = databaseUrl): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }
  /** Worker pids with a request pool connection open, read from pg_stat_activity. */
  const poolPids = async () =>
    new Set(
      (
        await query<{ name: string }>(`select application_name as name from pg_stat_activity where datname = $1 and application_name like 'planpulse-host:%'`, [
          name,
        ])
      ).map((row) => Number(row.name.split(":")[1])),
    );
  /** The pid of the worker holding the scheduler lock, or null. */
  const lockHolder = async () => {
    const rows = await query<{ name: string }>(
      `select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and a.datname = $1 and a.application_name like 'planpulse-scheduler:%'`,
      [name],
    );
    expect(rows.length).toBeLessThanOrEqual(1);
    return rows[0] ? Number(rows[0].name.split(":")[1]) : null;
  };
  const until = async <T>(what: string, probe: () => Promise<T | null | false>, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== null && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms; the host said:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    await query(`create database ${name}`, [], serverUrl);
    host = spawn(process.execPath, ["dist/main.js"], {
      cwd: hostDir,
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: databaseUrl,
        WEB_CONCURRENCY: "2",
        PORT: String(PORTAL_PORT),
        ADMIN_PORT: String(ADMIN_PORT),
        HOST: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    host.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    host.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => host.once("exit", (code) => resolve(code)));
    await until(
      "the host answering",
      () =>
        fetch(`${portal}/healthz`).then(
          (response) => response.ok,
          () => false,
        ),
      120_000,
    );
  }, 180_000);

  afterAll(async () => {
    if (host && host.exitCode === null) {
      host.kill("SIGKILL");
      await exited;
    }
    if (serverUrl) await query(`drop database if exists ${name} with (force)`, [], serverUrl);
  }, 60_000);

  it("migrates once and serves every page from two workers", async () => {
    expect(output.match(/Seed plan imported/g)?.length).toBe(1);
    await until(
      "requests reaching both workers",
      async () => {
        const answers = await Promise.all(
          Array.from({ length: 12 }, () => fetch(`${portal}/`, { headers: { connection: "close" } }).then((response) => response.status)),
        );
        expect(answers.every((status) => status === 200)).toBe(true);
        return (await poolPids()).size === 2;
      },
      30_000,
    );
  });

  it("workers read NODE_ENV as launched (test: no __Host- cookie), not the primary's production mode", async () => {
    const response = await fetch(`${portal}/api/trpc/auth.signUp`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: portal },
      body: JSON.stringify({ displayName: "Cluster Member", email: `cluster-${Date.now()}@example.org`, password: "a long enough password" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith("planpulse_session="))).toBe(true);
  });

  it("runs the scheduled work in exactly one worker, taken over within seconds when it dies", async () => {
    const holder = await until("a worker taking the scheduler lock", lockHolder, 15_000);
    expect(await poolPids()).toContain(holder);
    const killedAt = Date.now();
    process.kill(holder, "SIGKILL");
    const next = await until(
      "another worker taking the scheduler lock",
      async () => {
        const pid = await lockHolder();
        return pid !== null && pid !== holder ? pid : null;
      },
      TAKEOVER_LIMIT_MS + 5_000,
    );
    expect(Date.now() - killedAt).toBeLessThan(TAKEOVER_LIMIT_MS);
    expect(next).not.toBe(holder);
    // The killed worker is replaced: two workers answer again, one of them new.
    await until(
      "a replacement worker",
      async () => {
        await Promise.all(Array.from({ length: 12 }, () => fetch(`${portal}/`, { headers: { connection: "close" } }).then((response) => response.status)));
        const pids = await poolPids();
        return pids.size === 2 && !pids.has(holder);
      },
      30_000,
    );
    expect((await fetch(`${portal}/healthz`)).status).toBe(200);
  }, 60_000);

  it("drains on SIGTERM: an in-flight request finishes, then the host exits", async () => {
    // A real slow request: the page waits on a table lock this test holds.
    const blocker = new pg.Client({ connectionString: databaseUrl });
    // Should the test fail midway, dropping the database must not surface as an uncaught error.
    blocker.on("error", () => {});
    await blocker.connect();
    await blocker.query("begin");
    await blocker.query("lock table objectives in access exclusive mode");
    // A cookie keeps the page out of the visitors' cache (decision 023): it must reach the database.
    const inFlight = fetch(`${portal}/`, { headers: { cookie: "drain-test=1" } }).then(async (response) => ({
      status: response.status,
      body: await response.text(),
    }));
    await until(
      "the page waiting on the lock",
      async () =>
        (await query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`, [name]))[0]!.n > 0,
      10_000,
    );
    host.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Draining: no new connection is accepted, the host is still there for the one in flight.
    expect(host.exitCode).toBeNull();
    await blocker.query("commit");
    await blocker.end();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("</html>");
    expect(await exited).toBe(0);
    await expect(fetch(`${portal}/healthz`)).rejects.toThrow();
  }, 60_000);
});
