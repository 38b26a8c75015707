/**
 * pnpm bench:faults — PostgreSQL restarted in the middle of a vote and comment load, a statement over
 * the statement timeout, an exhausted pool, 200 MB bodies to both apps during a vote load, the worker
 * running the scheduled work killed under a vote load (two workers), and PostgreSQL restarted with 200 live pages open (they must get the first write after it).
 * Prints a table; exits 1 when a check fails.
 *
 * Restarts the PostgreSQL cluster that serves BENCH_PG_SERVER (found by its port with pg_lsclusters,
 * or named by FAULTS_PG_CLUSTER, e.g. "15 faults"), and always leaves it running. Point it at a
 * cluster of its own: BENCH_PG_SERVER=postgres://postgres@127.0.0.1:5442 after
 * `pg_createcluster 15 faults --port 5442`.
 *
 * Data: small by default; `-- --members 100000 --votes 1000000 --comments 200000` runs on that much
 * (seeded once into a template database, planpulse_bench_faults_tpl_<sizes>, reused by later runs).
 */
import { spawnSync } from "node:child_process";
import http from "node:http";
import {
  commandLine,
  ADMIN_PORT,
  buildApps,
  buildPresent,
  closedLoop,
  createSessions,
  databaseUrl,
  dropDatabase,
  log,
  peakRssMb,
  portalUrl,
  recreateDatabase,
  run,
  SESSION_COOKIE,
  sleep,
  startHost,
  stopProcess,
  table,
  waitFor,
  withClient,
  PG_SERVER,
  PORTAL_PORT,
  processTree,
  type Host,
} from "./harness";
import { liveAcrossRestart } from "./live-pages";

const DATABASE = process.env.BENCH_FAULTS_DATABASE ?? "planpulse_bench_e_faults";
const args = commandLine(
  "Usage: pnpm bench:faults [--members N --votes N --comments N] [--build]\nPostgreSQL restart under load, statement timeout, pool exhaustion, 200 MB bodies during a vote load,\na worker killed under load\n(restarts the cluster serving BENCH_PG_SERVER, or FAULTS_PG_CLUSTER).",
  { members: { type: "string" }, votes: { type: "string" }, comments: { type: "string" }, build: { type: "boolean", default: false } },
);
const sizes = { members: Number(args.members ?? 600), votes: Number(args.votes ?? 2_000), comments: Number(args.comments ?? 200) };
const CLUSTER = clusterServing(PG_SERVER);
// A start on the 1M-vote copy, on a machine shared with other work, can take minutes.
const START_TIMEOUT_MS = Number(process.env.FAULTS_START_TIMEOUT_MS ?? 300_000);

/** The cluster (version and name) listening on the bench server's port: that one is restarted, no other. */
function clusterServing(server: string): string[] {
  const named = process.env.FAULTS_PG_CLUSTER ?? process.env.BENCH_PG_CLUSTER;
  if (named) return named.split(" ");
  const port = new URL(server).port || "5432";
  const listing = spawnSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" }).stdout ?? "";
  const row = listing
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .find((cols) => cols[2] === port);
  if (!row) throw new Error(`no PostgreSQL cluster listens on port ${port} (pg_lsclusters); set FAULTS_PG_CLUSTER="<version> <name>"`);
  return [row[0]!, row[1]!];
}
const checks: Array<{ check: string; value: string; pass: boolean }> = [];
const check = (name: string, value: string, pass: boolean) => checks.push({ check: name, value, pass });

function pgctl(action: "restart" | "start" | "status"): number {
  return spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", ...CLUSTER, action], { stdio: "ignore" }).status ?? 1;
}

async function postgresReady(): Promise<boolean> {
  return withClient("postgres", async (client) => (await client.query("select 1")).rowCount === 1).catch(() => false);
}

type Outcome = { at: number; status: number; retryAfter: boolean; error?: string };

/**
 * The scratch database: a copy of a template seeded once per data size (the 1M-vote seed takes
 * minutes), migrated by a first host start (which also migrates a template made by an older build).
 */
async function prepareDatabase() {
  const template = `planpulse_bench_faults_tpl_${sizes.members}_${sizes.votes}_${sizes.comments}`;
  const exists = await withClient(
    "postgres",
    async (client) => (await client.query("select 1 from pg_database where datname = $1", [template])).rowCount === 1,
  );
  if (!exists) {
    await recreateDatabase(template);
    const host = startHost(template, { NODE_ENV: "development" });
    await waitFor(`${portalUrl}/healthz`, START_TIMEOUT_MS, host);
    await stopProcess(host.process);
    log(`Seeding ${template} (once) …`);
    run(
      "pnpm",
      ["--silent", "run", "db:seed:synthetic", "--members", String(sizes.members), "--votes", String(sizes.votes), "--comments", String(sizes.comments)],
      {
        env: { DATABASE_URL: databaseUrl(template), NODE_ENV: "development" },
        quiet: true,
      },
    );
    await withClient(template, (client) => client.query("vacuum analyze"));
  }
  await dropDatabase(DATABASE);
  await withClient("postgres", (client) => client.query(`create database ${DATABASE} template ${template}`));
  // Migrations since the template was made; demo accounts are not made on PostgreSQL by default.
  const host = startHost(DATABASE, { NODE_ENV: "development" });
  await waitFor(`${portalUrl}/healthz`, START_TIMEOUT_MS, host);
  await stopProcess(host.process);
}

async function main() {
  if (!buildPresent() || args.build) buildApps();
  log(`Faults on cluster ${CLUSTER.join(" ")} (${PG_SERVER}); data: ${JSON.stringify(sizes)}`);
  await prepareDatabase();
  const facts = await withClient(DATABASE, async (client) => ({
    members: (await client.query(`select id from users where role = 'member' and suspended_at is null and deleted_at is null order by id limit 400`)).rows.map(
      (row) => row.id as number,
    ),
    objectives: (await client.query(`select id, slug from objectives order by id`)).rows as Array<{ id: number; slug: string }>,
  }));
  const sessions = await createSessions(DATABASE, facts.members);
  // The restart case votes as the first 200 members, the huge-body case as the next 200.
  const bodyMembers = facts.members.splice(200);
  const cookies = facts.members.map((id) => `${SESSION_COOKIE}=${sessions.get(id)}`);

  // ------------------------------------------------------------ 1. PostgreSQL restart under load
  let host: Host = startHost(DATABASE, { DB_STATEMENT_TIMEOUT_MS: "5000" });
  await waitFor(`${portalUrl}/healthz`, START_TIMEOUT_MS, host);
  const outcomes: Outcome[] = [];
  const post = async (path: string, cookie: string, input: unknown) => {
    let response: Response;
    try {
      response = await fetch(`${portalUrl}/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: portalUrl },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(20_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      outcomes.push({
        at: performance.now(),
        status: 0,
        retryAfter: false,
        error: `${(error as Error).name}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      }); // no answer at all
      throw error;
    }
    const body = (await response.json().catch(() => null)) as { result?: { data: unknown } } | null;
    outcomes.push({ at: performance.now(), status: response.status, retryAfter: response.headers.get("retry-after") !== null });
    return response.status === 200 ? (body?.result?.data ?? null) : null;
  };
  const pairs = facts.members.flatMap((userId, memberIndex) => facts.objectives.map((objective) => ({ userId, memberIndex, objective })));
  let restartStarted = 0;
  let postgresBack = 0;
  const restart = (async () => {
    await sleep(3_000);
    log("Restarting PostgreSQL …");
    restartStarted = performance.now();
    const code = pgctl("restart");
    while (!(await postgresReady())) await sleep(50);
    postgresBack = performance.now();
    log(`PostgreSQL ready again after ${Math.round(postgresBack - restartStarted)} ms (pg_ctlcluster exit ${code})`);
  })();
  // The load runs through the restart (on the 1M-vote data its shutdown checkpoint alone can take
  // 15 s) and then 8 s past PostgreSQL being ready, so recovery is always measured.
  const loadStarted = performance.now();
  const loadDone = () => (postgresBack > 0 && performance.now() > postgresBack + 8_000) || performance.now() > loadStarted + 120_000;
  const [votes, comments] = await Promise.all([
    closedLoop(10, loadDone, async (_worker, sequence) => {
      const pair = pairs[sequence % pairs.length]!;
      const data = (await post("vote.toggle", cookies[pair.memberIndex]!, { objectiveId: pair.objective.id, supported: true })) as {
        supported?: boolean;
      } | null;
      return data?.supported ? `${pair.userId}:${pair.objective.id}` : null;
    }),
    closedLoop(10, loadDone, async (worker, sequence) => {
      const objective = facts.objectives[sequence % facts.objectives.length]!;
      const data = (await post("comment.create", cookies[(worker * 13 + sequence) % cookies.length]!, {
        objectiveSlug: objective.slug,
        body: `Fault-test comment ${sequence}: is progress on this objective reported anywhere yet?`,
      })) as { id?: number; comment?: { id: number } } | null;
      return data ? (data.id ?? data.comment?.id ?? -1) : null;
    }),
    restart,
  ]);
  const alive = host.process.exitCode === null;
  const window = outcomes.filter((outcome) => outcome.at >= restartStarted);
  const failures = window.filter((outcome) => outcome.status !== 200);
  const firstSuccessAfterReady = outcomes.filter((outcome) => outcome.at >= postgresBack && outcome.status === 200).sort((a, b) => a.at - b.at)[0];
  const lastFailure = failures.sort((a, b) => b.at - a.at)[0];
  const recoveryMs = firstSuccessAfterReady ? firstSuccessAfterReady.at - postgresBack : Number.POSITIVE_INFINITY;
  const byStatus = new Map<number, number>();
  for (const outcome of failures) byStatus.set(outcome.status, (byStatus.get(outcome.status) ?? 0) + 1);
  const verified = await withClient(DATABASE, async (client) => {
    const voteKeys = votes.acknowledged;
    const rows = (await client.query(`select user_id, objective_id from support_votes where user_id = any($1)`, [facts.members])).rows;
    const present = new Set(rows.map((row) => `${row.user_id}:${row.objective_id}`));
    const missingVotes = voteKeys.filter((key) => !present.has(key)).length;
    const ids = comments.acknowledged.filter((id) => id > 0);
    const found = ids.length ? ((await client.query(`select count(*)::int as n from comments where id = any($1)`, [ids])).rows[0].n as number) : 0;
    return { missingVotes, commentIds: ids.length, missingComments: ids.length - found, unknownCommentIds: comments.acknowledged.length - ids.length };
  });
  check("host process alive after the restart", alive ? "yes" : "no", alive);
  check("PostgreSQL restart took", `${Math.round(postgresBack - restartStarted)} ms`, postgresBack > 0);
  check(
    "failed requests in the window: all 503 + Retry-After",
    `${failures.length} (${[...byStatus].map(([status, count]) => `${count}×${status}`).join(", ") || "none"}), ${failures.filter((f) => f.status === 503 && f.retryAfter).length} with Retry-After`,
    failures.every((outcome) => outcome.status === 503 && outcome.retryAfter),
  );
  const noAnswer = [...new Set(failures.filter((outcome) => outcome.status === 0).map((outcome) => outcome.error))];
  if (noAnswer.length > 0) log(`requests without an answer: ${noAnswer.join("; ")}`);
  check("first acknowledged write after PostgreSQL was ready", `${Math.round(recoveryMs)} ms`, recoveryMs <= 5_000);
  check(
    "last failure after PostgreSQL was ready",
    lastFailure ? `${Math.round(lastFailure.at - postgresBack)} ms` : "none",
    !lastFailure || lastFailure.at - postgresBack <= 5_000,
  );
  check(
    "acknowledged votes missing from the database",
    `${verified.missingVotes} of ${votes.acknowledged.length}`,
    verified.missingVotes === 0 && votes.acknowledged.length > 0,
  );
  check(
    "acknowledged comments missing from the database",
    `${verified.missingComments} of ${verified.commentIds}${verified.unknownCommentIds ? ` (+${verified.unknownCommentIds} without an id)` : ""}`,
    verified.missingComments === 0 && verified.unknownCommentIds === 0 && verified.commentIds > 0,
  );
  await stopProcess(host.process);

  // ------------------------------------------------------------ 2. A statement over the timeout
  host = startHost(DATABASE, { DB_STATEMENT_TIMEOUT_MS: "1000" });
  await waitFor(`${portalUrl}/healthz`, START_TIMEOUT_MS, host);
  const t0 = performance.now();
  const slow = await fetch(`${portalUrl}/bench/control?sleepMs=4000`, { headers: { accept: "text/html" } });
  const slowMs = performance.now() - t0;
  const slowBody = await slow.text();
  check(
    "statement over a 1 s timeout",
    `HTTP ${slow.status} in ${Math.round(slowMs)} ms, Retry-After ${slow.headers.get("retry-after") ?? "missing"}`,
    slow.status === 503 && slow.headers.get("retry-after") !== null && slowMs < 3_000 && slowBody.includes("briefly unavailable"),
  );
  const dataSlow = await fetch(`${portalUrl}/bench/control.data?sleepMs=4000`);
  check("the same as a Remix data request", `HTTP ${dataSlow.status} ${dataSlow.headers.get("content-type")}`, dataSlow.status === 503);
  const afterwards = await fetch(`${portalUrl}/bench/control`);
  check("the next request is served normally", `HTTP ${afterwards.status}`, afterwards.status === 200);
  await stopProcess(host.process);

  // ------------------------------------------------------------ 3. An exhausted pool
  // One worker: the pool and its queue are per worker, and this case is about one pool.
  host = startHost(DATABASE, { WEB_CONCURRENCY: "1", DB_POOL_SIZE: "2", DB_POOL_QUEUE: "4", DB_STATEMENT_TIMEOUT_MS: "10000" });
  await waitFor(`${portalUrl}/healthz`, START_TIMEOUT_MS, host);
  const burst = await Promise.all(
    Array.from({ length: 24 }, async () => {
      const started = performance.now();
      const response = await fetch(`${portalUrl}/bench/control?sleepMs=1500`, { headers: { accept: "text/html" } });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - started, retryAfter: response.headers.get("retry-after") !== null };
    }),
  );
  const served = burst.filter((result) => result.status === 200);
  const shed = burst.filter((result) => result.status === 503);
  const medianShed = shed.length ? shed.map((result) => result.ms).sort((a, b) => a - b)[Math.floor(shed.length / 2)]! : Number.NaN;
  const slowestServed = served.length ? Math.max(...served.map((result) => result.ms)) : Number.NaN;
  check(
    "24 slow requests, pool 2 + queue 4",
    `${served.length} served (queued), ${shed.length} shed with 503, ${burst.length - served.length - shed.length} other`,
    served.length >= 2 && shed.length > 0 && served.length + shed.length === burst.length && shed.every((result) => result.retryAfter),
  );
  check(
    "shed requests answered before the queue drained",
    `median shed ${Math.round(medianShed)} ms, slowest served ${Math.round(slowestServed)} ms`,
    medianShed < slowestServed,
  );
  const recovered = await fetch(`${portalUrl}/bench/control`);
  check("served again once the burst is over", `HTTP ${recovered.status}`, recovered.status === 200);
  await stopProcess(host.process);

  // ------------------------------------------------------------ 4. 200 MB bodies during a vote load
  host = startHost(DATABASE, {});
  await waitFor(`${portalUrl}/healthz`, START_TIMEOUT_MS, host);
  const bodyPairs = bodyMembers.flatMap((userId) =>
    facts.objectives.map((objective) => ({ userId, objective, cookie: `${SESSION_COOKIE}=${sessions.get(userId)}` })),
  );
  let voteFailures = 0;
  const [bodyVotes, hugeBodies] = await Promise.all([
    closedLoop(10, 12_000, async (_worker, sequence) => {
      const pair = bodyPairs[sequence % bodyPairs.length]!;
      const response = await fetch(`${portalUrl}/api/trpc/vote.toggle`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: pair.cookie, origin: portalUrl },
        body: JSON.stringify({ objectiveId: pair.objective.id, supported: true }),
        signal: AbortSignal.timeout(20_000),
      });
      const body = (await response.json().catch(() => null)) as { result?: { data?: { supported?: boolean } } } | null;
      if (response.status !== 200) voteFailures += 1;
      return response.status === 200 && body?.result?.data?.supported ? `${pair.userId}:${pair.objective.id}` : null;
    }),
    (async () => {
      await sleep(1_000);
      const results: Array<{ label: string; status: number | null; mb: number }> = [];
      for (const [port, app, path] of [
        [PORTAL_PORT, "portal", "/api/trpc/auth.signIn"],
        [PORTAL_PORT, "portal", "/login"],
        [ADMIN_PORT, "admin", "/api/trpc/auth.signIn"],
        [ADMIN_PORT, "admin", "/login"],
      ] as const) {
        for (const chunked of [true, false]) {
          const sent = await hugeBody(port, path, 200 * 1024 * 1024, chunked);
          results.push({ label: `${app} ${path} ${chunked ? "chunked" : "Content-Length"}`, status: sent.status, mb: sent.bytesSent / (1024 * 1024) });
        }
      }
      return results;
    })(),
  ]);
  const bodyAlive = host.process.exitCode === null;
  const missingBodyVotes = await withClient(DATABASE, async (client) => {
    const rows = (await client.query(`select user_id, objective_id from support_votes where user_id = any($1)`, [bodyMembers])).rows;
    const present = new Set(rows.map((row) => `${row.user_id}:${row.objective_id}`));
    return bodyVotes.acknowledged.filter((key) => !present.has(key)).length;
  });
  check(
    "200 MB bodies to both apps during a vote load: host alive",
    `${bodyAlive ? "yes" : "no"}, peak RSS ${Math.max(...processTree(host.pid).map(peakRssMb))} MB (largest worker)`,
    bodyAlive,
  );
  check(
    "every 200 MB body refused with 413",
    hugeBodies.map((body) => `${body.label} ${body.status ?? "no answer"} after ${body.mb.toFixed(1)} MB`).join("; "),
    hugeBodies.every((body) => body.status === 413),
  );
  check(
    "acknowledged votes during the bodies missing from the database",
    `${missingBodyVotes} of ${bodyVotes.acknowledged.length} (${voteFailures} votes not acknowledged)`,
    missingBodyVotes === 0 && bodyVotes.acknowledged.length > 0 && voteFailures === 0,
  );
  await stopProcess(host.process);

  // ------------------------------------------------------------ 5. PostgreSQL restarted with live pages open
  host = startHost(DATABASE, {});
  await waitFor(`${portalUrl}/healthz`, START_TIMEOUT_MS, host);
  const liveObjective = facts.objectives[0]!;
  const live = await liveAcrossRestart({
    slug: liveObjective.slug,
    objectiveId: liveObjective.id,
    cookie: `${SESSION_COOKIE}=${sessions.get(bodyMembers[0]!)}`,
    restart: async () => {
      log("Restarting PostgreSQL with 200 live pages open …");
      pgctl("restart");
      while (!(await postgresReady())) await sleep(50);
    },
  });
  check(
    "live pages through a PostgreSQL restart: streams still open",
    `${live.stillOpen} of ${live.opened}`,
    live.opened > 0 && live.stillOpen === live.opened,
  );
  check(
    "live pages got the first write after the restart",
    `${live.caughtUp} of ${live.opened}, p95 ${live.catchUpP95} ms after it was sent (write HTTP ${live.writeStatus})`,
    live.writeStatus === 200 && live.caughtUp === live.opened && live.catchUpP95 <= 5_000,
  );
  await stopProcess(host.process);
  // ------------------------------------------------------------ 6. A worker killed under load
  await workerKilledUnderLoad(cookies, facts.members, facts.objectives);
  await dropDatabase(DATABASE);

  console.log("\nPlan Pulse bench:faults\n");
  console.log(table([["check", "measured", "result"], ...checks.map((c) => [c.check, c.value, c.pass ? "PASS" : "FAIL"])]));
  if (checks.some((c) => !c.pass)) process.exitCode = 1;
}

/** The pid of the worker holding the scheduler's advisory lock (it runs the refresher and the mail queue). */
async function schedulerHolder(): Promise<number | null> {
  const rows = await withClient(
    DATABASE,
    async (client) =>
      (
        await client.query(
          `select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.application_name like 'planpulse-scheduler:%'`,
        )
      ).rows as Array<{ name: string }>,
  );
  return rows[0] ? Number(rows[0].name.split(":")[1]) : null;
}

/**
 * Two workers under a vote load; the one running the scheduled work is killed (SIGKILL, no drain).
 * Every acknowledged vote must be a row, another worker must take the scheduler lock over within
 * seconds, a new worker must replace the dead one, and failures must stay around the kill.
 */
async function workerKilledUnderLoad(cookies: string[], members: number[], objectives: Array<{ id: number; slug: string }>) {
  const host = startHost(DATABASE, { WEB_CONCURRENCY: "2" });
  await waitFor(`${portalUrl}/healthz`, START_TIMEOUT_MS, host);
  let holder: number | null = null;
  for (let attempt = 0; attempt < 100 && holder === null; attempt += 1) {
    holder = await schedulerHolder();
    if (holder === null) await sleep(100);
  }
  const workersBefore = processTree(host.pid);
  const pairs = members.flatMap((userId, memberIndex) => objectives.map((objective) => ({ userId, memberIndex, objective })));
  const failures: number[] = [];
  let killedAt = 0;
  let takenOverMs = Number.POSITIVE_INFINITY;
  let newHolder: number | null = null;
  const loadStarted = performance.now();
  const [votes] = await Promise.all([
    closedLoop(
      10,
      () => (killedAt > 0 && performance.now() > killedAt + 10_000) || performance.now() > loadStarted + 60_000,
      async (_worker, sequence) => {
        const pair = pairs[sequence % pairs.length]!;
        try {
          const response = await fetch(`${portalUrl}/api/trpc/vote.toggle`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie: cookies[pair.memberIndex]!, origin: portalUrl },
            body: JSON.stringify({ objectiveId: pair.objective.id, supported: true }),
            signal: AbortSignal.timeout(20_000),
          });
          const body = (await response.json().catch(() => null)) as { result?: { data?: { supported?: boolean } } } | null;
          if (response.status !== 200) failures.push(performance.now());
          return response.status === 200 && body?.result?.data?.supported ? `${pair.userId}:${pair.objective.id}` : null;
        } catch (error) {
          failures.push(performance.now());
          throw error;
        }
      },
    ),
    (async () => {
      await sleep(3_000);
      if (holder === null) return;
      log(`Killing worker ${holder} (it holds the scheduler lock) under load …`);
      killedAt = performance.now();
      process.kill(holder, "SIGKILL");
      while (performance.now() < killedAt + 30_000) {
        const now = await schedulerHolder();
        if (now !== null && now !== holder) {
          newHolder = now;
          takenOverMs = performance.now() - killedAt;
          return;
        }
        await sleep(100);
      }
    })(),
  ]);
  const workersAfter = processTree(host.pid);
  const missing = await withClient(DATABASE, async (client) => {
    const rows = (await client.query(`select user_id, objective_id from support_votes where user_id = any($1)`, [members])).rows;
    const present = new Set(rows.map((row) => `${row.user_id}:${row.objective_id}`));
    return votes.acknowledged.filter((key) => !present.has(key)).length;
  });
  const lateFailures = failures.filter((at) => at > killedAt + 2_000).length;
  check(
    "worker killed under load: a worker held the scheduler lock",
    holder === null ? "none" : `worker ${holder} of ${workersBefore.length}`,
    holder !== null && workersBefore.length === 2,
  );
  check("acknowledged votes missing after the kill", `${missing} of ${votes.acknowledged.length}`, missing === 0 && votes.acknowledged.length > 0);
  check(
    "scheduler lock taken over by another worker",
    newHolder === null ? "not taken over" : `worker ${newHolder} after ${Math.round(takenOverMs)} ms`,
    newHolder !== null && takenOverMs <= 10_000,
  );
  check(
    "killed worker replaced",
    `${workersAfter.length} workers (${workersAfter.filter((pid) => !workersBefore.includes(pid)).length} new)`,
    workersAfter.length === 2 && !workersAfter.includes(holder ?? -1),
  );
  check("failed votes around the kill / later than 2 s after it", `${failures.length} / ${lateFailures}`, lateFailures === 0);
  await stopProcess(host.process);
}

/** Sends `size` bytes to the host as fast as it takes them, chunked or with a declared length; stops at the first answer. */
function hugeBody(port: number, path: string, size: number, chunked: boolean): Promise<{ status: number | null; bytesSent: number }> {
  return new Promise((resolve) => {
    let bytesSent = 0;
    let settled = false;
    const headers: Record<string, string> = {
      "content-type": path.startsWith("/api/") ? "application/json" : "application/x-www-form-urlencoded",
      origin: `http://127.0.0.1:${port}`,
    };
    if (!chunked) headers["content-length"] = String(size);
    const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers });
    const finish = (status: number | null) => {
      if (settled) return;
      settled = true;
      request.destroy();
      resolve({ status, bytesSent });
    };
    request.on("response", (response) => {
      response.resume();
      finish(response.statusCode ?? null);
    });
    request.on("error", () => finish(null));
    const chunk = Buffer.alloc(64 * 1024, 32);
    const pump = () => {
      while (!settled && bytesSent < size) {
        bytesSent += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", pump);
          return;
        }
      }
      if (!settled) request.end();
    };
    pump();
    setTimeout(() => finish(null), 60_000).unref();
  });
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    // PostgreSQL must be left running whatever happened above.
    if (!(await postgresReady())) {
      pgctl("start");
      for (let attempt = 0; attempt < 100 && !(await postgresReady()); attempt += 1) await sleep(100);
    }
    process.exit();
  });
