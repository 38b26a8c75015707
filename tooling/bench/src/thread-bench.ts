/**
 * `pnpm bench:thread` (entry: bench-thread.ts): does the first page of a discussion stay as fast with 5,000 comments as with 10?
 * Seeds two objectives into a fresh PGlite (and a scratch PostgreSQL database when TEST_DATABASE_URL or
 * DATABASE_URL is set; it is dropped afterwards) and times the use-cases the discussion route calls.
 */
import { readFileSync } from "node:fs";
import { PLAN_SEED_PATH, sql, type DB, type Kysely } from "@planpulse/db";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, type TestDatabase } from "@planpulse/db/testing";
import { importPlan, listComments, type CommentViewer } from "@planpulse/core";

const RUNS = 40;

async function seedThread(db: Kysely<DB>, objectiveSlug: string, topLevel: number, authorIds: number[]): Promise<void> {
  const objective = await db.selectFrom("objectives").select("id").where("slug", "=", objectiveSlug).executeTakeFirstOrThrow();
  const authors = sql.raw(`array[${authorIds.join(",")}]`);
  // Top-level comments an hour apart, every fifth with four replies; 2% held, 1% removed.
  await sql`
    insert into comments (objective_id, author_id, body, stance, status, deleted_at, created_at)
    select ${objective.id}::int, (${authors})[1 + g % ${authorIds.length}::int],
      'Comment number ' || g || ' about rural outreach, budgets and library workers.',
      (array['support','neutral','concern'])[1 + g % 3],
      case when g % 50 = 0 then 'held' else 'visible' end,
      case when g % 100 = 7 then now() else null end,
      now() - make_interval(hours => ${topLevel}::int - g)
    from generate_series(1, ${topLevel}::int) g`.execute(db);
  await sql`
    insert into comments (objective_id, parent_id, author_id, body, created_at)
    select c.objective_id, c.id, (${authors})[1 + (c.id + r) % ${authorIds.length}::int], 'Reply ' || r || ' to comment ' || c.id,
      c.created_at + make_interval(mins => r)
    from comments c, generate_series(1, 4) r
    where c.objective_id = ${objective.id}::int and c.parent_id is null and c.id % 5 = 0`.execute(db);
  await sql`
    update comments c set reply_count = sub.n
    from (select parent_id, count(*)::int as n from comments where objective_id = ${objective.id}::int and parent_id is not null group by parent_id) sub
    where c.id = sub.parent_id`.execute(db);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function time(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function benchDriver(database: TestDatabase, label: string): Promise<void> {
  const db = database.db;
  await importPlan(db, readFileSync(PLAN_SEED_PATH, "utf8"));
  const authors: number[] = [];
  for (let i = 0; i < 40; i += 1) {
    const user = await insertUser(db, { email: `bench-${i}-${Date.now().toString(36)}@example.org`, display_name: `Bench Member ${i}`, password_hash: null });
    authors.push(user!.id);
  }
  const small = "advocacy-1";
  const large = "advocacy-2";
  await seedThread(db, small, 10, authors);
  await seedThread(db, large, 5_000, authors);
  await sql`analyze`.execute(db);
  const counts = await sql<{ slug: string; n: number }>`
    select o.slug, count(c.id)::int as n from objectives o join comments c on c.objective_id = o.id where o.slug in (${small}, ${large}) group by o.slug`.execute(
    db,
  );
  const viewer: CommentViewer = { id: authors[0]!, role: "member", suspended: false };
  const secondPage = async (slug: string) => {
    const first = await listComments(db, { objectiveSlug: slug, viewer });
    return first.nextCursor;
  };
  const cases: Array<[string, (slug: string, cursor: string | null) => Promise<unknown>]> = [
    ["first page, newest (signed in)", (slug) => listComments(db, { objectiveSlug: slug, viewer })],
    ["first page, newest (visitor)", (slug) => listComments(db, { objectiveSlug: slug, viewer: null })],
    ["first page, oldest", (slug) => listComments(db, { objectiveSlug: slug, sort: "oldest", viewer })],
    ["first page, most replied", (slug) => listComments(db, { objectiveSlug: slug, sort: "most_replied", viewer })],
    ["next page (?cursor=)", (slug, cursor) => listComments(db, { objectiveSlug: slug, cursor: cursor ?? undefined, viewer })],
  ];
  const sizes = Object.fromEntries(counts.rows.map((row) => [row.slug, row.n]));
  console.log(`\n${label}: ${sizes[small]} comments on ${small} vs ${sizes[large]} on ${large} (replies included); median of ${RUNS} runs`);
  console.log(`${"loader query".padEnd(34)} ${"10 thread".padStart(11)} ${"5,000 thread".padStart(13)}`);
  const smallCursor = await secondPage(small);
  const largeCursor = await secondPage(large);
  for (const [name, run] of cases) {
    const smallMs = await time(() => run(small, smallCursor));
    const largeMs = await time(() => run(large, largeCursor));
    console.log(`${name.padEnd(34)} ${`${smallMs.toFixed(2)} ms`.padStart(11)} ${`${largeMs.toFixed(2)} ms`.padStart(13)}`);
  }
}

/** Runs the benchmark on PGlite, then on the scratch PostgreSQL database `createPostgres` makes, when given. */
export async function runThreadBench(options: { createPostgres?: () => Promise<TestDatabase> }): Promise<void> {
  const pglite = await createTestDatabase("pglite");
  try {
    await benchDriver(pglite, "PGlite (embedded)");
  } finally {
    await pglite.dispose();
  }
  if (options.createPostgres) {
    const postgres = await options.createPostgres();
    try {
      await benchDriver(postgres, "PostgreSQL (scratch database)");
    } finally {
      await postgres.dispose();
    }
  } else {
    console.log("\nSet TEST_DATABASE_URL (or DATABASE_URL) to measure PostgreSQL too.");
  }
}
