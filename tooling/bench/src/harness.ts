import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const PG_SERVER = process.env.BENCH_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432";
export const PORTAL_PORT = Number(process.env.BENCH_PORTAL_PORT ?? 3262);
export const ADMIN_PORT = Number(process.env.BENCH_ADMIN_PORT ?? 3263);
export const HELLO_PORT = Number(process.env.BENCH_HELLO_PORT ?? 3264);
export const FLOOR_PORT = Number(process.env.BENCH_FLOOR_PORT ?? 3268);
export const BARE_VOTE_PORT = Number(process.env.BENCH_BARE_VOTE_PORT ?? 3269);
export const portalUrl = `http://127.0.0.1:${PORTAL_PORT}`;
export const adminUrl = `http://127.0.0.1:${ADMIN_PORT}`;
/** The hosts run with NODE_ENV=production, whose session cookie carries the __Host- prefix. */
export const SESSION_COOKIE = "__Host-planpulse_session";

/** The commands' options, as every command reads them (`--help` prints the usage; "--" separators are skipped). */
export { commandLine } from "@planpulse/core/cli";

export const log = (message: string) => process.stderr.write(`${message}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): string {
  const result = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...options.env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${(result.stderr || result.stdout || "").slice(-2000)}`);
  }
  if (!options.quiet && result.stderr) process.stderr.write(result.stderr.slice(-4000));
  return result.stdout;
}

// ---------------------------------------------------------------- scratch databases

export function databaseUrl(name: string): string {
  return `${PG_SERVER}/${name}`;
}

export async function withClient<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function recreateDatabase(name: string): Promise<void> {
  if (!/^planpulse_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to recreate ${name}: scratch databases are planpulse_bench_*`);
  await withClient("postgres", async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
}

export async function dropDatabase(name: string): Promise<void> {
  if (!/^planpulse_bench_[a-z0-9_]+$/.test(name)) return;
  await withClient("postgres", (client) => client.query(`drop database if exists ${name} with (force)`)).catch(() => {});
}

/** Session rows made directly (as the Playwright login fixture does): cookie token → sha256 id. */
export async function createSessions(database: string, userIds: number[]): Promise<Map<number, string>> {
  const tokens = new Map<number, string>();
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  await withClient(database, async (client) => {
    const ids: string[] = [];
    const users: number[] = [];
    for (const userId of userIds) {
      const token = [...randomBytes(32)].map((byte) => alphabet[byte % 32]).join("");
      tokens.set(userId, token);
      ids.push(createHash("sha256").update(token).digest("hex"));
      users.push(userId);
    }
    await client.query(
      `insert into sessions (id, user_id, expires_at) select id, user_id, now() + interval '30 days' from unnest($1::text[], $2::int[]) as t(id, user_id)`,
      [ids, users],
    );
    // Voting and commenting need a confirmed address (unconfirmed members get 403).
    await client.query(`update users set email_verified_at = coalesce(email_verified_at, now()) where id = any($1::int[])`, [users]);
  });
  return tokens;
}

// ---------------------------------------------------------------- processes

// Whatever happens to the script, the processes it started do not outlive it.
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => process.exit(130));
}

export type Host = { process: ChildProcess; pid: number; output: string[]; exited: Promise<number | null> };

/** The Node flags `pnpm start` runs the host with (its heap cap), so the bench measures the same process. */
function hostNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, "apps/host/package.json"), "utf8")) as { scripts: { start: string } };
  return manifest.scripts.start.split(/\s+/).filter((word) => word.startsWith("--"));
}

/** `nodeFlags`: more flags for node itself (a CPU profile: `--cpu-prof`, which NODE_OPTIONS refuses). */
export function startHost(database: string, env: NodeJS.ProcessEnv = {}, nodeFlags: string[] = []): Host {
  const child = spawn(process.execPath, [...hostNodeFlags(), ...nodeFlags, join(ROOT, "apps/host/dist/main.js")], {
    cwd: join(ROOT, "apps/host"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl(database),
      PORT: String(PORTAL_PORT),
      ADMIN_PORT: String(ADMIN_PORT),
      HOST: "127.0.0.1",
      BENCH_CONTROL: "1",
      DEMO_PASSWORD: "plan-pulse-demo",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { process: child, pid: child.pid!, output, exited };
}

export async function waitFor(url: string, timeoutMs = 120_000, host?: Host): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (host && host.process.exitCode !== null) throw new Error(`the host exited:\n${host.output.join("").slice(-3000)}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms${host ? `; the host said:\n${host.output.join("").slice(-2000)}` : ""}`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Peak resident set (VmHWM) of a live process, in MB. */
export function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export function startHelloWorld(): ChildProcess {
  const source = `require("node:http").createServer((req, res) => { res.writeHead(200, { "content-type": "text/plain" }); res.end("hello world"); }).listen(${HELLO_PORT}, "127.0.0.1");`;
  const child = spawn(process.execPath, ["-e", source], { stdio: "ignore" });
  children.add(child);
  return child;
}

const FLOOR_DIR = join(ROOT, "tooling", "bench", "floor");

/** Builds the standalone Remix floor app (production, Vite) unless its build is there already. */
export function buildFloor(force = false): void {
  if (!force && existsSync(join(FLOOR_DIR, "build", "server", "index.js"))) return;
  log("Building the standalone Remix floor app …");
  run("pnpm", ["--silent", "--filter", "@planpulse/bench", "run", "build:floor"], { quiet: true });
}

function startScript(file: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(FLOOR_DIR, file)], { cwd: FLOOR_DIR, env: { ...process.env, NODE_ENV: "production", ...env }, stdio: "ignore" });
  children.add(child);
  return child;
}

/** The framework's floor: a standalone Remix v2 app (Express, one 50-row query, no layout). */
export function startFloor(database: string): ChildProcess {
  return startScript("server.mjs", { DATABASE_URL: databaseUrl(database), PORT: String(FLOOR_PORT) });
}

/** The physical limit of a vote over HTTP: node:http + pg running vote.toggle's statements. */
export function startBareVote(database: string, statements: { vote: string; count: string }): ChildProcess {
  return startScript("bare-vote.mjs", {
    DATABASE_URL: databaseUrl(database),
    PORT: String(BARE_VOTE_PORT),
    VOTE_SQL: statements.vote,
    COUNT_SQL: statements.count,
  });
}

/** Worker processes of a host started with node:cluster (its children); the host itself when it has none. */
export function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return children.length > 0 ? children : [pid];
  } catch {
    return [pid];
  }
}

// ---------------------------------------------------------------- load

export type Throughput = { rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; requests: number };

export async function cannon(options: {
  url: string;
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
  /** A POST with this JSON body (every request the same). */
  json?: unknown;
}): Promise<Throughput> {
  // autocannon's own percentiles skip p95, so collect every response time and compute them here.
  const times: number[] = [];
  let finished: (result: autocannon.Result) => void = () => {};
  let failed: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.durationS,
      headers: { "accept-encoding": "gzip", ...(options.json === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
      ...(options.json === undefined ? {} : { method: "POST" as const, body: JSON.stringify(options.json) }),
      timeout: 30,
    },
    (error, result) => (error ? failed(error) : finished(result)),
  );
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const result = await done;
  return {
    rps: result.requests.total / Math.max(result.duration, options.durationS),
    p50: Math.round(percentile(times, 50) * 10) / 10,
    p95: Math.round(percentile(times, 95) * 10) / 10,
    p99: Math.round(percentile(times, 99) * 10) / 10,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

/**
 * An open-loop load at a truly fixed rate: requests leave evenly spaced (1/rate apart) whatever
 * the server is doing, over keep-alive connections, and each latency is counted from the moment
 * the request was due, so a stalled server cannot hide its queue (no coordinated omission).
 *
 * autocannon's `overallRate` is not this: each connection sends its per-second quota back to back
 * and then waits for the next second, so every second starts with a burst of the whole quota and
 * p95 measures how long that burst takes to drain (≈ half a second at half the peak rate).
 */
export async function openLoop(options: { url: string; rate: number; durationS: number; headers?: Record<string, string> }): Promise<Throughput> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.max(1, Math.round(options.rate * options.durationS));
  const intervalMs = 1000 / options.rate;
  const times: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  const fire = (dueAt: number) => {
    const done = new Promise<void>((resolve) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          agent,
          headers: { "accept-encoding": "gzip", ...options.headers },
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            times.push(performance.now() - dueAt);
            if ((response.statusCode ?? 0) >= 300) non2xx += 1;
            resolve();
          });
          response.on("error", () => {
            errors += 1;
            resolve();
          });
        },
      );
      request.setTimeout(30_000, () => request.destroy(new Error("timeout")));
      request.on("error", () => {
        errors += 1;
        resolve();
      });
      request.end();
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  while (sent < total) {
    const now = performance.now();
    // Send everything that is due (the timer may wake late); then sleep until the next one.
    while (sent < total && started + sent * intervalMs <= now) {
      fire(started + sent * intervalMs);
      sent += 1;
    }
    if (sent < total) await sleep(Math.max(0, started + sent * intervalMs - performance.now()));
  }
  await Promise.all(inFlight);
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  return {
    rps: times.length / seconds,
    p50: Math.round(percentile(times, 50) * 10) / 10,
    p95: Math.round(percentile(times, 95) * 10) / 10,
    p99: Math.round(percentile(times, 99) * 10) / 10,
    errors,
    non2xx,
    requests: times.length,
  };
}

const jsonAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * POSTs JSON over a keep-alive connection and parses the answer. Lighter than fetch(): on two shared
 * cores the load generator's own CPU comes out of the server's share, so the write loops use this.
 */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const target = new URL(url);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        method: "POST",
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        agent: jsonAgent,
        headers: { "content-type": "application/json", "content-length": String(payload.byteLength), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
        response.on("error", reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(payload);
  });
}

/** Set while building: the portal adds the bench's control page (apps/portal/app/routes.ts); `pnpm build` leaves it out. */
const BENCH_BUILD_ENV = { PLANPULSE_BENCH_BUILD: "1" };

/** Checks the build outputs the host loads are present, the portal's made for the bench (with its control page). */
export function buildPresent(): boolean {
  const present = ["apps/host/dist/main.js", "apps/portal/build/server/index.js", "apps/admin/build/server/index.js"].every((file) =>
    existsSync(join(ROOT, file)),
  );
  return present && readFileSync(join(ROOT, "apps/portal/build/server/index.js"), "utf8").includes('"routes/bench.control"');
}

export function buildApps(): void {
  log("Building the host and both apps (production, the portal with the bench's control page) …");
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      run("pnpm", ["turbo", "run", "build", "--filter=@planpulse/host...", "--output-logs=errors-only"], { quiet: true, env: BENCH_BUILD_ENV });
      if (buildPresent()) return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
    log(`  build attempt ${attempt} failed; retrying`);
  }
}

/**
 * A closed loop of `concurrency` workers sending requests until `durationMs` has passed; each call
 * returns the id the server acknowledged (or null when refused). Latencies in ms.
 */
export async function closedLoop<T>(
  concurrency: number,
  durationMs: number | (() => boolean),
  send: (worker: number, sequence: number) => Promise<T | null>,
): Promise<{ acknowledged: T[]; failed: number; statuses: Map<string, number>; latencies: number[]; seconds: number }> {
  const acknowledged: T[] = [];
  const statuses = new Map<string, number>();
  const latencies: number[] = [];
  let failed = 0;
  let sequence = 0;
  const started = performance.now();
  // A duration, or a condition that says when to stop.
  const done = typeof durationMs === "number" ? () => performance.now() >= started + durationMs : durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (!done()) {
        const mine = sequence++;
        const t0 = performance.now();
        try {
          const result = await send(worker, mine);
          if (result === null) failed += 1;
          else acknowledged.push(result);
        } catch (error) {
          failed += 1;
          const key = `error ${(error as Error).message}`.slice(0, 60);
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { acknowledged, failed, statuses, latencies, seconds: (performance.now() - started) / 1000 };
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return rows
    .map((row, index) => {
      const line = row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
      return index === 0 ? `${line}\n${widths.map((width) => "-".repeat(width)).join("  ")}` : line;
    })
    .join("\n");
}
