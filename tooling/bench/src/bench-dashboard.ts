import { getDashboard, getObjectiveInsight, getPublicDashboard, refreshInsightRollups } from "@planpulse/core";
import { commandLine, openDatabaseFromEnv } from "@planpulse/core/cli";
import { sql, type DB, type Kysely } from "@planpulse/db";
import { STANCES } from "@planpulse/validators";

const USAGE = [
  "Usage: pnpm bench:dashboard [-- --runs 40] [--skip-refresh] [--full] [--writes N]",
  "p50/p95 of every leadership dashboard query at the current data size.",
  "  --runs N         timed runs per query (at least 5; default 40)",
  "  --skip-refresh   time the rollups as they are instead of refreshing them first",
  "  --full           time a full rebuild of the rollups as well as the incremental refresh",
  "  --writes N       time N member writes (votes, stances, comments) too",
].join("\n");
const values = commandLine(USAGE, { runs: { type: "string" }, "skip-refresh": { type: "boolean" }, full: { type: "boolean" }, writes: { type: "string" } });
const runs = Math.max(5, Number(values.runs ?? 40) || 40);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Writes as members do: toggle a vote, change a stance (with its history), post a comment. */
async function timeMemberWrites(db: Kysely<DB>, count: number): Promise<{ p50: number; p95: number }> {
  const { rows: bounds } = await sql<{ lo: number; hi: number }>`select min(id)::int as lo, max(id)::int as hi from users where role = 'member'`.execute(db);
  const { rows: objectives } = await sql<{ id: number }>`select id from objectives where retired_at is null order by id`.execute(db);
  const lo = Number(bounds[0]?.lo ?? 0);
  const hi = Number(bounds[0]?.hi ?? 0);
  const times: number[] = [];
  for (let i = 0; i < count && hi > 0; i += 1) {
    const user = lo + Math.floor(Math.random() * (hi - lo + 1));
    const objective = objectives[Math.floor(Math.random() * objectives.length)]!.id;
    const kind = i % 10;
    const t = performance.now();
    if (kind < 7) {
      const removed = await sql`delete from support_votes where user_id = ${user} and objective_id = ${objective}`.execute(db);
      if (Number(removed.numAffectedRows ?? 0) === 0)
        await sql`insert into support_votes (user_id, objective_id) values (${user}, ${objective}) on conflict do nothing`.execute(db);
    } else if (kind < 9) {
      await db.transaction().execute(async (trx) => {
        const stance = STANCES[i % 3]!;
        await sql`insert into stances (user_id, objective_id, stance) values (${user}, ${objective}, ${stance})
          on conflict (user_id, objective_id) do update set stance = excluded.stance, updated_at = now()`.execute(trx);
        await sql`insert into stance_history (user_id, objective_id, stance) values (${user}, ${objective}, ${stance})`.execute(trx);
      });
    } else {
      await sql`insert into comments (objective_id, author_id, body, tone) values (${objective}, ${user}, ${"Benchmark comment"}, ${0.1})`.execute(db);
    }
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const database = await openDatabaseFromEnv();
try {
  const db = database.db;
  const sizes = await sql<{ members: number; votes: number; comments: number; stances: number; history: number }>`
    select (select count(*) from users)::int as members, (select count(*) from support_votes)::int as votes,
      (select count(*) from comments)::int as comments, (select count(*) from stances)::int as stances,
      (select count(*) from stance_history)::int as history`.execute(db);
  const size = sizes.rows[0]!;
  console.log(
    `Data (${database.driver}): ${size.members.toLocaleString("en-US")} users, ${size.votes.toLocaleString("en-US")} support votes, ${size.comments.toLocaleString("en-US")} comments, ${size.stances.toLocaleString("en-US")} stances, ${size.history.toLocaleString("en-US")} stance history rows`,
  );
  if (!values["skip-refresh"]) {
    const steps: string[] = [];
    const onStep = (name: string, ms: number) => steps.push(`${name} ${(ms / 1000).toFixed(2)} s`);
    if (values.full) {
      const full = await refreshInsightRollups(db, { force: true, full: true, onStep });
      console.log(`Full rollup recount (after a bulk load; --full): ${(full.ms / 1000).toFixed(2)} s — ${steps.splice(0).join(", ")}`);
    } else {
      const first = await refreshInsightRollups(db, { onStep });
      steps.splice(0);
      if (first.refreshed) console.log(`Catch-up refresh (${first.mode}, ${first.members} members): ${(first.ms / 1000).toFixed(2)} s`);
    }
    // What the host does every 30 s: recount the members who wrote since the last refresh.
    const writes = Math.max(1, Number(values.writes ?? 1000) || 1000);
    const toggle = await timeMemberWrites(db, writes);
    console.log(
      `${writes} member writes (vote toggles, stance changes, comments), one transaction each: p50 ${toggle.p50.toFixed(2)} ms, p95 ${toggle.p95.toFixed(2)} ms`,
    );
    const refresh = await refreshInsightRollups(db, { onStep });
    console.log(
      `Incremental refresh (background, every 30 s when something changed; ${refresh.members} members): ${(refresh.ms / 1000).toFixed(2)} s — ${steps.join(", ")}`,
    );
  }
  const busiest = await db
    .selectFrom("insight_objective_rollups as r")
    .innerJoin("objectives as o", "o.id", "r.objective_id")
    .select("o.slug")
    .orderBy("r.comments", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  const breakdowns = await db
    .selectFrom("profile_questions")
    .select("key")
    .where("breakdown", "=", true)
    .where("retired_at", "is", null)
    .orderBy("position")
    .execute();
  const segments = breakdowns.map((q) => q.key);
  const division = await db
    .selectFrom("profile_options as o")
    .innerJoin("profile_questions as q", "q.id", "o.question_id")
    .select(["q.key", "o.id"])
    .where("q.kind", "=", "multiple")
    .where("q.breakdown", "=", true)
    .orderBy("q.position")
    .orderBy("o.position")
    .limit(1)
    .executeTakeFirst();
  const cases: Array<[string, () => Promise<unknown>]> = [
    ...segments.map((segment) => [`dashboard ?segment=${segment}`, () => getDashboard(db, { segment })] as [string, () => Promise<unknown>]),
    [`objective ${busiest.slug} (all comments)`, () => getObjectiveInsight(db, { slug: busiest.slug, page: 1 })],
    [`objective ${busiest.slug} tone=negative page 3`, () => getObjectiveInsight(db, { slug: busiest.slug, segment: segments[1], tone: "negative", page: 3 })],
    ...(division
      ? [
          [
            `objective ${busiest.slug} ${division.key}=option ${division.id} stance=concern`,
            () => getObjectiveInsight(db, { slug: busiest.slug, segment: division.key, segmentValue: String(division.id), stance: "concern", page: 1 }),
          ] as [string, () => Promise<unknown>],
        ]
      : []),
    ["public dashboard", () => getPublicDashboard(db)],
  ];
  console.log(`\n${"query".padEnd(58)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  (${runs} runs each)`);
  let worst = 0;
  for (const [name, run] of cases) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    worst = Math.max(worst, percentile(times, 95));
    console.log(`${name.padEnd(58)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}`);
  }
  console.log(`\nWorst p95: ${worst.toFixed(1)} ms (target < 100 ms).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
