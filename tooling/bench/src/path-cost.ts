/**
 * pnpm bench:path [--seconds N] [--rounds N] [--connections N] [--pages a,b] [--reuse] [--profile DIR]
 *
 * The shared request path, measured so that a busy machine does not blur it (issue 16): the host
 * (one worker) and the standalone Remix floor app are loaded in turn, A B A B, and besides req/s the
 * script reads the CPU time each server process — and the PostgreSQL backends serving it — spent,
 * from /proc. CPU per request moves far less with the neighbours' load than req/s does, so the
 * ratios it prints (floor's CPU per request ÷ the page's) are what a change is judged by.
 * `--profile DIR` runs the host under `node --cpu-prof` (summarise with `pnpm bench:profile`).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// The harness reads its ports when loaded: this script's own (the helper's host ports by default).
process.env.BENCH_PORTAL_PORT ??= "3200";
process.env.BENCH_ADMIN_PORT ??= "3201";
process.env.BENCH_FLOOR_PORT ??= String(await freePort());
const h = await import("./harness");

const USAGE = [
  "Usage: pnpm bench:path [--seconds N] [--rounds N] [--connections N] [--pages a,b] [--reuse] [--profile DIR]",
  "CPU per request of the host (one worker) against the standalone Remix floor app, interleaved; needs `pnpm build`.",
  "Pages: floor, control (signed in), control-visitor, objective (signed in), objective-visitor (from the cache), home, domain,",
  "vote (vote.toggle over /api/trpc, signed in, the same support each time), control-plain (a visitor's control page,",
  "no gzip asked), healthz (a resource route answering a few bytes: the path without a page).",
  "--reuse keeps the scratch database (BENCH_DATABASE, default planpulse_bench_path) from an earlier run.",
].join("\n");
const args = h.commandLine(USAGE, {
  seconds: { type: "string" },
  rounds: { type: "string" },
  connections: { type: "string" },
  pages: { type: "string" },
  reuse: { type: "boolean", default: false },
  profile: { type: "string" },
});
const SECONDS = Number(args.seconds ?? 4);
const ROUNDS = Number(args.rounds ?? 3);
const CONNECTIONS = Number(args.connections ?? 20);
const DATABASE = process.env.BENCH_DATABASE ?? "planpulse_bench_path";
const TICKS_PER_S = 100;

/** utime + stime of a process, in ms (0 when it is gone). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

async function backendPids(): Promise<number[]> {
  return h.withClient(DATABASE, async (client) =>
    (await client.query(`select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [DATABASE])).rows.map((row) => row.pid as number),
  );
}

async function main() {
  if (!h.buildPresent()) throw new Error("the build is missing: run `pnpm build` first");
  h.buildFloor();
  const exists = await h.withClient(
    "postgres",
    async (client) => (await client.query(`select 1 from pg_database where datname = $1`, [DATABASE])).rowCount === 1,
  );
  if (!args.reuse || !exists) {
    h.log(`Scratch database ${DATABASE} …`);
    await h.recreateDatabase(DATABASE);
    const first = h.startHost(DATABASE, { NODE_ENV: "development", WEB_CONCURRENCY: "1" });
    await h.waitFor(`${h.portalUrl}/healthz`, 120_000, first);
    await h.stopProcess(first.process);
    h.run("pnpm", ["--silent", "run", "db:seed:synthetic", "--members", "5000", "--votes", "50000", "--comments", "6000"], {
      env: { DATABASE_URL: h.databaseUrl(DATABASE), NODE_ENV: "development" },
      quiet: true,
    });
    await h.withClient(DATABASE, (client) => client.query("vacuum analyze"));
  }
  const facts = await h.withClient(DATABASE, async (client) => {
    const member = (await client.query(`select id from users where role = 'member' and suspended_at is null and deleted_at is null order by id limit 1`))
      .rows[0].id as number;
    const objective = (
      await client.query(`select o.slug from objectives o join comments c on c.objective_id = o.id group by o.id order by count(*) desc limit 1`)
    ).rows[0].slug as string;
    const domain = (await client.query(`select slug from domains order by id limit 1`)).rows[0].slug as string;
    const objectiveId = (await client.query(`select id from objectives order by id limit 1`)).rows[0].id as number;
    return { member, objective, domain, objectiveId };
  });
  const sessions = await h.createSessions(DATABASE, [facts.member]);
  const signedIn = { cookie: `${h.SESSION_COOKIE}=${sessions.get(facts.member)}` };

  const host = h.startHost(DATABASE, { WEB_CONCURRENCY: "1" }, args.profile ? ["--cpu-prof", `--cpu-prof-dir=${args.profile}`] : []);
  await h.waitFor(`${h.portalUrl}/healthz`, 60_000, host);
  const floor = h.startFloor(DATABASE);
  await h.waitFor(`http://127.0.0.1:${h.FLOOR_PORT}/`);

  const all: Record<string, { url: string; headers?: Record<string, string>; json?: unknown; pid: number }> = {
    floor: { url: `http://127.0.0.1:${h.FLOOR_PORT}/`, pid: floor.pid! },
    control: { url: `${h.portalUrl}/bench/control`, headers: signedIn, pid: host.pid },
    "control-visitor": { url: `${h.portalUrl}/bench/control`, pid: host.pid },
    "control-plain": { url: `${h.portalUrl}/bench/control`, headers: { "accept-encoding": "identity" }, pid: host.pid },
    healthz: { url: `${h.portalUrl}/healthz`, pid: host.pid },
    objective: { url: `${h.portalUrl}/objectives/${facts.objective}`, headers: signedIn, pid: host.pid },
    "objective-visitor": { url: `${h.portalUrl}/objectives/${facts.objective}`, headers: { accept: "text/html" }, pid: host.pid },
    home: { url: `${h.portalUrl}/`, headers: signedIn, pid: host.pid },
    domain: { url: `${h.portalUrl}/domains/${facts.domain}`, headers: signedIn, pid: host.pid },
    // The same member supports the same objective again and again: the write path's cost without
    // growing the table (the statements run; the row is already there).
    vote: {
      url: `${h.portalUrl}/api/trpc/vote.toggle`,
      headers: { ...signedIn, origin: h.portalUrl },
      json: { objectiveId: facts.objectiveId, supported: true },
      pid: host.pid,
    },
  };
  const chosen = (args.pages ?? "floor,control,control-visitor,objective,objective-visitor").split(",");
  for (const name of chosen) if (!all[name]) throw new Error(`unknown page ${name}\n${USAGE}`);
  for (const name of chosen) {
    // Warm up: lazy caches, JIT, the pool's connections.
    await h.cannon({ url: all[name]!.url, headers: all[name]!.headers, json: all[name]!.json, connections: CONNECTIONS, durationS: 2 });
  }

  type Sample = { rps: number; appUs: number; dbUs: number; errors: number };
  const samples: Record<string, Sample[]> = {};
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of chosen) {
      const page = all[name]!;
      const pids = await backendPids();
      const app0 = cpuMs(page.pid);
      const db0 = pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
      const result = await h.cannon({ url: page.url, headers: page.headers, json: page.json, connections: CONNECTIONS, durationS: SECONDS });
      const app1 = cpuMs(page.pid);
      const db1 = pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
      const requests = Math.max(1, result.requests);
      (samples[name] ??= []).push({
        rps: result.rps,
        appUs: ((app1 - app0) * 1000) / requests,
        dbUs: ((db1 - db0) * 1000) / requests,
        errors: result.errors + result.non2xx,
      });
      h.log(`round ${round + 1}/${ROUNDS} ${name}: ${result.rps.toFixed(0)} req/s, app ${(((app1 - app0) * 1000) / requests).toFixed(0)} µs/req`);
    }
  }
  await h.stopProcess(host.process);
  await h.stopProcess(floor);

  const med = (name: string, key: keyof Sample) => h.median(samples[name]!.map((sample) => sample[key]));
  const floorApp = med("floor", "appUs");
  const floorAll = floorApp + med("floor", "dbUs");
  const rows = [["page", "req/s", "× floor req/s", "app µs/req", "db µs/req", "floor ÷ app CPU", "floor ÷ app+db CPU", "errors"]];
  for (const name of chosen) {
    const rps = med(name, "rps");
    const app = med(name, "appUs");
    const db = med(name, "dbUs");
    rows.push([
      name,
      rps.toFixed(0),
      (rps / med("floor", "rps")).toFixed(2),
      app.toFixed(0),
      db.toFixed(0),
      (floorApp / app).toFixed(2),
      (floorAll / (app + db)).toFixed(2),
      String(samples[name]!.reduce((sum, s) => sum + s.errors, 0)),
    ]);
  }
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(
    `\nShared request path: host with one worker vs the standalone Remix floor, ${ROUNDS} rounds × ${SECONDS} s at ${CONNECTIONS} connections (load average ${load})\n`,
  );
  console.log(h.table(rows));
  if (args.profile) console.log(`\nCPU profiles in ${join(args.profile)} (pnpm bench:profile <file>)`);
}

if (!("floor" in Object.fromEntries((args.pages ?? "floor").split(",").map((name) => [name, true])))) {
  console.error(`--pages must include floor (the ratios are to it)\n${USAGE}`);
  process.exit(2);
}
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
