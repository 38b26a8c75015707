import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// One home for SQL: a use-case's queries live beside it in its core feature folder
// (core/src/<area>/), the account tables' (users, sessions, sign-in attempts) in auth, and db keeps
// only the data infrastructure. Tests may read and write rows directly; nothing else may.
const ROOT = join(import.meta.dirname, "../../..");
const HOMES = [
  "packages/core/src/",
  "packages/auth/src/",
  "packages/db/src/migrations/",
  "packages/db/src/job-queue.ts",
  "packages/db/src/events.ts",
  "packages/db/src/single-runner.ts",
  "packages/db/src/client.ts", // ping()
  "packages/db/src/testing.ts",
  "tooling/",
  // Start-up's connection probe: it reports the driver's own reason when the server does not answer.
  "apps/host/src/main.ts",
];
const SQL =
  /\.(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\(|\bsql(<[^>]*>)?`|\.query\(\s*[`"']\s*(select|insert|update|delete|with)\b/i;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name === "build" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe("one home for SQL", () => {
  it("no query outside core's feature folders, auth and db's infrastructure", () => {
    const offenders = ["apps", "packages", "tooling"]
      .flatMap((dir) => sources(join(ROOT, dir)))
      .map((file) => relative(ROOT, file))
      .filter((file) => !HOMES.some((home) => file.startsWith(home)))
      .filter((file) => SQL.test(readFileSync(join(ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("recognises a query written either way", () => {
    expect(SQL.test('db.selectFrom("users")')).toBe(true);
    expect(SQL.test("await sql`select 1`.execute(db)")).toBe(true);
    expect(SQL.test("sql<{ n: number }>`select count(*) as n`")).toBe(true);
    expect(SQL.test("client.query(`update users set role = $1`)")).toBe(true);
    expect(SQL.test('import { sql } from "@planpulse/db";')).toBe(false);
  });
});
