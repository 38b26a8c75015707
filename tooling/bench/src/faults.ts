/**
 * pnpm bench:faults — PostgreSQL restarted in the middle of a vote and comment load, a statement over
 * the statement timeout, and an exhausted pool. Prints a table; exits 1 when a check fails.
 * Restarts this machine's PostgreSQL cluster (pg_ctlcluster), and always leaves it running.
 */
import { spawnSync } from "node:child_process";
import {
  buildApps,
  buildPresent,
  closedLoop,
  commandLine,
  createSessions,
  databaseUrl,
  dropDatabase,
  log,
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
  type Host,
} from "./harness";

const options = commandLine(
  "Usage: pnpm bench:faults [--build]\nPostgreSQL restart under load, statement timeout, pool exhaustion (restarts this machine's PostgreSQL cluster).",
  { build: { type: "boolean", default: false } },
);
const DATABASE = process.env.BENCH_FAULTS_DATABASE ?? "planpulse_bench_e_faults";
const CLUSTER = (process.env.BENCH_PG_CLUSTER ?? "15 main").split(" ");
const checks: Array<{ check: string; value: string; pass: boolean }> = [];
const check = (name: string, value: string, pass: boolean) => checks.push({ check: name, value, pass });

function pgctl(action: "restart" | "start" | "status"): number {
  return spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", ...CLUSTER, action], { stdio: "ignore" }).status ?? 1;
}

async function postgresReady(): Promise<boolean> {
  return withClient("postgres", async (client) => (await client.query("select 1")).rowCount === 1).catch(() => false);
}

type Outcome = { at: number; status: number; retryAfter: boolean; error?: string };

async function main() {
  if (!buildPresent() || options.build) buildApps();
  await recreateDatabase(DATABASE);
  // The first start migrates and seeds (demo accounts included, so not in production mode).
  let host: Host = startHost(DATABASE, { NODE_ENV: "development" });
  await waitFor(`${portalUrl}/healthz`, 120_000, host);
  await stopProcess(host.process);
  run("pnpm", ["--silent", "--filter", "@planpulse/core", "run", "db:seed:synthetic", "--members", "600", "--votes", "2000", "--comments", "200"], {
    env: { DATABASE_URL: databaseUrl(DATABASE), NODE_ENV: "development" },
    quiet: true,
  });
  const facts = await withClient(DATABASE, async (client) => ({
    members: (await client.query(`select id from users where role = 'member' and suspended_at is null and deleted_at is null order by id limit 200`)).rows.map((row) => row.id as number),
    objectives: (await client.query(`select id, slug from objectives order by id`)).rows as Array<{ id: number; slug: string }>,
  }));
  const sessions = await createSessions(DATABASE, facts.members);
  const cookies = facts.members.map((id) => `${SESSION_COOKIE}=${sessions.get(id)}`);

  // ------------------------------------------------------------ 1. PostgreSQL restart under load
  host = startHost(DATABASE, { DB_STATEMENT_TIMEOUT_MS: "5000" });
  await waitFor(`${portalUrl}/healthz`, 60_000, host);
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
      outcomes.push({ at: performance.now(), status: 0, retryAfter: false, error: `${(error as Error).name}: ${cause?.code ?? cause?.message ?? (error as Error).message}` }); // no answer at all
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
  const loadMs = 3_000 + 15_000;
  const [votes, comments] = await Promise.all([
    closedLoop(10, loadMs, async (_worker, sequence) => {
      const pair = pairs[sequence % pairs.length]!;
      const data = (await post("vote.toggle", cookies[pair.memberIndex]!, { objectiveId: pair.objective.id, supported: true })) as { supported?: boolean } | null;
      return data?.supported ? `${pair.userId}:${pair.objective.id}` : null;
    }),
    closedLoop(10, loadMs, async (worker, sequence) => {
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
  check("last failure after PostgreSQL was ready", lastFailure ? `${Math.round(lastFailure.at - postgresBack)} ms` : "none", !lastFailure || lastFailure.at - postgresBack <= 5_000);
  check("acknowledged votes missing from the database", `${verified.missingVotes} of ${votes.acknowledged.length}`, verified.missingVotes === 0 && votes.acknowledged.length > 0);
  check(
    "acknowledged comments missing from the database",
    `${verified.missingComments} of ${verified.commentIds}${verified.unknownCommentIds ? ` (+${verified.unknownCommentIds} without an id)` : ""}`,
    verified.missingComments === 0 && verified.unknownCommentIds === 0 && verified.commentIds > 0,
  );
  await stopProcess(host.process);

  // ------------------------------------------------------------ 2. A statement over the timeout
  host = startHost(DATABASE, { DB_STATEMENT_TIMEOUT_MS: "1000" });
  await waitFor(`${portalUrl}/healthz`, 60_000, host);
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
  host = startHost(DATABASE, { DB_POOL_SIZE: "2", DB_POOL_QUEUE: "4", DB_STATEMENT_TIMEOUT_MS: "10000" });
  await waitFor(`${portalUrl}/healthz`, 60_000, host);
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
  await dropDatabase(DATABASE);

  console.log("\nPlan Pulse bench:faults\n");
  console.log(table([["check", "measured", "result"], ...checks.map((c) => [c.check, c.value, c.pass ? "PASS" : "FAIL"])]));
  if (checks.some((c) => !c.pass)) process.exitCode = 1;
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
