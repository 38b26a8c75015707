import { TRPCError } from "@trpc/server";
import { seedAll } from "@planpulse/core";
import { sql, type User } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root";
import { callerAs, makeUser, type TestCaller } from "./testing";

/**
 * Hostile input for every procedure, generated from the router itself so a new procedure is covered
 * the day it is added: whatever arrives, the answer is a clear client error (never
 * INTERNAL_SERVER_ERROR) and a rejected call writes nothing.
 *
 * Runs per procedure: FC_RUNS (default 40 per database, which keeps this file under about two minutes
 * on two cores with PostgreSQL as well). With FC_SUBSET (comma-separated path prefixes) only those
 * procedures get FC_RUNS and the rest FC_RUNS_REST (default 40): CI runs the representative subset —
 * every auth procedure and the text-taking writes — at FC_RUNS=1000, since all ~85 procedures at
 * 1,000 runs take ~15 minutes here. FC_RUNS=100000 FC_ONLY=comment.create on demand. FC_ONLY limits
 * the file to procedures whose path starts with that prefix.
 */
const RUNS = Number(process.env.FC_RUNS ?? 40);
const RUNS_REST = Number(process.env.FC_RUNS_REST ?? 40);
const SUBSET = (process.env.FC_SUBSET ?? "")
  .split(",")
  .map((prefix) => prefix.trim())
  .filter(Boolean);
const ONLY = process.env.FC_ONLY ?? "";

function runsFor(path: string): number {
  if (SUBSET.length === 0) return RUNS;
  return SUBSET.some((prefix) => path.startsWith(prefix)) ? RUNS : RUNS_REST;
}

type ProcedureLike = { _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureLike>)
  .filter(([path, procedure]) => procedure._def.type !== "subscription" && path.startsWith(ONLY))
  .sort(([a], [b]) => a.localeCompare(b));

// Tables a rejected call may legitimately write: sign-in, sign-up and invitation attempts are
// counted before anything is checked (that is the rate limit).
const WRITES_ALLOWED_ON_REJECTION: Record<string, string[]> = {
  "auth.signIn": ["attempt_throttles"],
  "auth.signUp": ["attempt_throttles"],
  "people.acceptInvitationNew": ["attempt_throttles"],
  "people.acceptInvitationExisting": ["attempt_throttles"],
};

const POLLUTING_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"];

/** Values that break naive code: wrong types, edge numbers, huge and odd strings, deep nesting. */
function hostileValue(): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom(
      "",
      " ",
      "\u0000",
      "a".repeat(100_000),
      "<script>alert(1)</script>",
      "javascript:alert(1)",
      "' OR 1=1 --",
      "advocacy-1",
      "member@example.org",
      "a long enough password",
      "\u202e\u0301\ud83d\ude00",
      "NaN",
      "1e309",
    ),
    fc.integer(),
    fc.constantFrom(0, -1, 1, 2, 3, 22, 2 ** 31, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY, -0, 0.5),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: false }),
    fc.bigInt().map((value) => value), // not JSON-serialisable: must still be a client error
  );
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("tree"), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...POLLUTING_KEYS)), tie("tree"), { maxKeys: 4 }),
    ),
  }));
  return tree;
}

/** Objects shaped like the procedure's input (its real keys) with hostile values, plus anything at all. */
function inputFor(procedure: ProcedureLike): fc.Arbitrary<unknown> {
  const keys = new Set<string>();
  for (const schema of procedure._def.inputs) {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    if (shape && typeof shape === "object") for (const key of Object.keys(shape)) keys.add(key);
  }
  const value = hostileValue();
  const anything = fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true, withObjectString: true, withSparseArray: true });
  if (keys.size === 0) return fc.oneof(value, anything);
  const shaped = fc.record(Object.fromEntries([...keys].map((key) => [key, value])), { requiredKeys: [] });
  const polluted = fc.tuple(shaped, fc.constantFrom(...POLLUTING_KEYS), value).map(([object, key, extra]) => {
    const copy = { ...(object as Record<string, unknown>) };
    Object.defineProperty(copy, key, { value: extra, enumerable: true, configurable: true, writable: true });
    return copy;
  });
  return fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: polluted, weight: 2 }, { arbitrary: value, weight: 1 }, { arbitrary: anything, weight: 1 });
}

async function tableNames(database: TestDatabase): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(database.db);
  return result.rows.map((row) => row.table_name).filter((name) => !name.startsWith("kysely_"));
}

async function rowCounts(database: TestDatabase, tables: string[]): Promise<Record<string, number>> {
  const columns = tables.map((table) => sql`(select count(*) from ${sql.table(table)})::int as ${sql.ref(table)}`);
  const result = await sql<Record<string, number>>`select ${sql.join(columns)}`.execute(database.db);
  return result.rows[0]!;
}

/** The next transaction id: unchanged means no transaction wrote anything (reads get no xid). */
async function nextTransactionId(database: TestDatabase): Promise<string> {
  const result = await sql<{ xmax: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(database.db);
  return result.rows[0]!.xmax;
}

function callProcedure(caller: TestCaller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

describe.each(testDrivers())("every procedure under hostile input on %s", (driver) => {
  let database: TestDatabase;
  let tables: string[];
  const callers: Array<{ role: string; caller: TestCaller }> = [];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedAll(database.db, { demoPassword: "plan-pulse-demo", nodeEnv: "test", plan: "if-none" });
    tables = await tableNames(database);
    const users: Array<[string, User | null]> = [
      ["anonymous", null],
      ["member", await makeUser(database)],
      ["suspended member", await makeUser(database, { suspended: true })],
      ["moderator", await makeUser(database, { role: "moderator" })],
      ["staff", await makeUser(database, { role: "staff" })],
      ["leader", await makeUser(database, { role: "leader" })],
      ["admin", await makeUser(database, { role: "admin" })],
    ];
    for (const [role, user] of users) callers.push({ role, caller: await callerAs(database, user) });
  });
  afterAll(() => database.dispose());

  it("covers every procedure in the router", () => {
    expect(procedures.length).toBeGreaterThan(ONLY ? 0 : 5);
  });

  it.each(procedures.map(([path, procedure]) => [path, procedure] as const))(
    "%s: never a 500, nothing written when rejected",
    async (path, procedure) => {
      const allowed = new Set(WRITES_ALLOWED_ON_REJECTION[path] ?? []);
      let known: Record<string, number> | null = null;
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: callers.length - 1 }), inputFor(procedure), async (which, input) => {
          const { role, caller } = callers[which]!;
          // Counting every table costs ~10 ms; the transaction-id check lets most runs skip it.
          known ??= await rowCounts(database, tables);
          const before = known;
          const xidBefore = await nextTransactionId(database);
          let rejection: unknown = null;
          try {
            await callProcedure(caller, path, input);
          } catch (error) {
            rejection = error ?? new Error("rejected with nothing");
          }
          if (rejection === null) {
            known = null; // it may have written: recount before the next run
            return;
          }
          if (!(rejection instanceof TRPCError)) throw new Error(`${path} as ${role} threw a non-tRPC error: ${String(rejection)}`);
          if (rejection.code === "INTERNAL_SERVER_ERROR") {
            throw new Error(`${path} as ${role} gave INTERNAL_SERVER_ERROR: ${String(rejection.cause ?? rejection.message)}`);
          }
          if ((await nextTransactionId(database)) === xidBefore) return;
          const after = await rowCounts(database, tables);
          known = after;
          const changed = tables.filter((table) => before[table] !== after[table] && !allowed.has(table));
          if (changed.length > 0) throw new Error(`${path} as ${role} was rejected (${rejection.code}) but wrote to ${changed.join(", ")}`);
        }),
        { numRuns: runsFor(path), endOnFailure: true },
      );
    },
    Math.max(60_000, Math.max(RUNS, RUNS_REST) * 300),
  );
});
