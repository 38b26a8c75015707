import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Kysely } from "kysely";
import { createDb, PGLITE_PARSERS, type Database, type DriverName } from "./client";
import { migrateToLatest } from "./migrate";
import { migrations } from "./migrations";
import type { DB, NewUser, User } from "./schema";

/**
 * Test databases: every test file gets its own, already migrated.
 * PGlite always; real PostgreSQL as well when TEST_DATABASE_URL names a server we may create databases on.
 */
export function testDrivers(): DriverName[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export type TestDatabase = Database & { dispose(): Promise<void>; url?: string };

export async function createTestDatabase(driver: DriverName = "pglite", options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (driver === "postgres") return createPostgresTestDatabase(migrate);
  if (!migrate) {
    const database = await createDb({ pglite: new PGlite({ parsers: PGLITE_PARSERS }) });
    return { ...database, dispose: () => database.close() };
  }
  return createPgliteTestDatabase();
}

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), "migrations");
const cacheDir = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", ".cache", "planpulse");

function migrationsHash(): string {
  const hash = createHash("sha256").update(Object.keys(migrations).join(","));
  if (existsSync(migrationsDir)) {
    for (const file of readdirSync(migrationsDir).sort()) hash.update(file).update(readFileSync(join(migrationsDir, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

let templatePromise: Promise<Blob> | undefined;

/** A fresh PGlite runs initdb (seconds); a dumped, migrated data dir loads in a fraction of that. */
function pgliteTemplate(): Promise<Blob> {
  templatePromise ??= (async () => {
    const file = join(cacheDir, `pglite-template-${migrationsHash()}.tar.gz`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const pglite = new PGlite({ parsers: PGLITE_PARSERS });
    const database = await createDb({ pglite });
    await migrateToLatest(database.db);
    const dump = await pglite.dumpDataDir("gzip");
    await database.close();
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
    return dump;
  })();
  return templatePromise;
}

async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const pglite = new PGlite({ loadDataDir: await pgliteTemplate(), parsers: PGLITE_PARSERS });
  const database = await createDb({ pglite });
  return { ...database, dispose: () => database.close() };
}

async function createPostgresTestDatabase(migrate: boolean): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set: it must name a PostgreSQL server where tests may create databases");
  const name = `planpulse_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await createDb({ url: url.toString(), poolSize: 20 });
  if (migrate) await migrateToLatest(database.db);
  return {
    ...database,
    url: url.toString(),
    dispose: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** A users row for the schema's own tests (accounts are made by auth's insertUser everywhere else). */
export function insertTestUser(db: Kysely<DB>, values: NewUser): Promise<User> {
  return db.insertInto("users").values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * A plan cycle with its plan, one domain and `objectives` objectives (slugs `<key>-1`, `<key>-2`, …),
 * for tests that need rows to point at. `key` keeps slugs apart when a test makes several plans.
 */
export async function insertTestPlan(
  db: Kysely<DB>,
  options: { key?: string; status?: "active" | "archived"; objectives?: number } = {},
): Promise<{ cycleId: number; planId: number; domainId: number; objectiveIds: number[] }> {
  const key = options.key ?? "d";
  const cycle = await db
    .insertInto("plan_cycles")
    .values({ slug: `c-${key}`, name: `C ${key}`, status: options.status ?? "active" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const plan = await db
    .insertInto("plans")
    .values({ cycle_id: cycle.id, slug: `p-${key}`, title: `P ${key}`, mission: "m", vision: "v", values: "[]" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const domain = await db
    .insertInto("domains")
    .values({ plan_id: plan.id, slug: key, name: `D ${key}`, goal_statement: "g", position: 1 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const objectiveIds: number[] = [];
  for (let position = 1; position <= (options.objectives ?? 0); position += 1) {
    const row = await db
      .insertInto("objectives")
      .values({ domain_id: domain.id, slug: `${key}-${position}`, position, text: `Objective ${key} ${position}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    objectiveIds.push(row.id);
  }
  return { cycleId: cycle.id, planId: plan.id, domainId: domain.id, objectiveIds };
}
