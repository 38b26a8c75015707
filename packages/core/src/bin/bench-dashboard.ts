import { parseArgs } from "node:util";
import { sql } from "@planpulse/db";
import { INSIGHT_SEGMENTS } from "@planpulse/validators";
import { getDashboard } from "../insight/get-dashboard";
import { getObjectiveInsight } from "../insight/get-objective-insight";
import { getPublicDashboard } from "../insight/get-public-dashboard";
import { refreshInsightRollups } from "../insight/refresh-rollups";
import { openDatabaseFromEnv } from "./open-database";

const { values } = parseArgs({ options: { runs: { type: "string" }, "skip-refresh": { type: "boolean" } }, strict: true });
const runs = Math.max(5, Number(values.runs ?? 40) || 40);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const database = await openDatabaseFromEnv();
try {
  const db = database.db;
  const sizes = await sql<{ members: number; votes: number; comments: number; stances: number; history: number }>`
    select (select count(*) from users)::int as members, (select count(*) from support_votes)::int as votes,
      (select count(*) from comments)::int as comments, (select count(*) from stances)::int as stances,
      (select count(*) from stance_history)::int as history`.execute(db);
  const size = sizes.rows[0]!;
  console.log(`Data (${database.driver}): ${size.members.toLocaleString("en-US")} users, ${size.votes.toLocaleString("en-US")} support votes, ${size.comments.toLocaleString("en-US")} comments, ${size.stances.toLocaleString("en-US")} stances, ${size.history.toLocaleString("en-US")} stance history rows`);
  if (!values["skip-refresh"]) {
    const steps: string[] = [];
    const refresh = await refreshInsightRollups(db, { force: true, onStep: (name, ms) => steps.push(`${name} ${(ms / 1000).toFixed(2)} s`) });
    console.log(`Rollup rebuild (background, every 30 s when something changed): ${(refresh.ms / 1000).toFixed(2)} s — ${steps.join(", ")}`);
  }
  const busiest = await db
    .selectFrom("insight_objective_rollups as r")
    .innerJoin("objectives as o", "o.id", "r.objective_id")
    .select("o.slug")
    .orderBy("r.comments", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  const cases: Array<[string, () => Promise<unknown>]> = [
    ...INSIGHT_SEGMENTS.map((segment) => [`dashboard ?segment=${segment}`, () => getDashboard(db, { segment })] as [string, () => Promise<unknown>]),
    [`objective ${busiest.slug} (all comments)`, () => getObjectiveInsight(db, { slug: busiest.slug, segment: "member_type", page: 1 })],
    [`objective ${busiest.slug} tone=negative page 3`, () => getObjectiveInsight(db, { slug: busiest.slug, segment: "career_stage", tone: "negative", page: 3 })],
    [`objective ${busiest.slug} division=ACRL stance=concern`, () => getObjectiveInsight(db, { slug: busiest.slug, segment: "division", segmentValue: "ACRL", stance: "concern", page: 1 })],
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
