import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { migrateToLatest } from "./migrate";
import { migrations } from "./migrations";
import { isUniqueViolation } from "./database-errors";
import { createTestDatabase, insertTestUser, testDrivers, type TestDatabase } from "./testing";

describe.each(testDrivers())("migrations on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it("has run every migration, and running again is a no-op", async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    const again = await migrateToLatest(database.db);
    expect(again.results).toEqual([]);
  });

  it("keeps emails unique whatever their letter case", async () => {
    const first = await insertTestUser(database.db, { email: "Ann@Example.org", display_name: "Ann", password_hash: null });
    expect(first.id).toBeGreaterThan(0);
    const second = await insertTestUser(database.db, { email: "ann@example.ORG", display_name: "Other", password_hash: null }).catch((error: unknown) => error);
    expect(isUniqueViolation(second)).toBe(true);
  });

  it("refuses to update or delete audit rows", async () => {
    const entry = await database.db.insertInto("audit_log").values({ action: "test.append", target_type: "test" }).returning("id").executeTakeFirstOrThrow();
    await expect(database.db.updateTable("audit_log").set({ action: "x" }).where("id", "=", entry.id).execute()).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom("audit_log").where("id", "=", entry.id).execute()).rejects.toThrow(/append-only/);
  });

  it("rejects a percent outside 0–100 and an unknown status", async () => {
    const plan = await database.db
      .insertInto("plans")
      .values({
        cycle_id: (await database.db.insertInto("plan_cycles").values({ slug: "c", name: "C", status: "active" }).returning("id").executeTakeFirstOrThrow()).id,
        slug: "p",
        title: "P",
        mission: "m",
        vision: "v",
        values: "[]",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const domain = await database.db
      .insertInto("domains")
      .values({ plan_id: plan.id, slug: "d", name: "D", goal_statement: "g", position: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await expect(
      database.db.insertInto("objectives").values({ domain_id: domain.id, slug: "d-1", position: 1, text: "t", percent_complete: 101 }).execute(),
    ).rejects.toThrow();
    await expect(
      database.db
        .insertInto("objectives")
        .values({ domain_id: domain.id, slug: "d-2", position: 2, text: "t", status: "sideways" as never })
        .execute(),
    ).rejects.toThrow();
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("migrations started twice at once on PostgreSQL", () => {
  it("applies each migration exactly once", async () => {
    const scratch = await createTestDatabase("postgres", { migrate: false });
    try {
      const second = await createDb({ url: scratch.url! });
      try {
        const [a, b] = await Promise.all([migrateToLatest(scratch.db), migrateToLatest(second.db)]);
        const appliedTotal = (a.results?.length ?? 0) + (b.results?.length ?? 0);
        expect(appliedTotal).toBe(Object.keys(migrations).length);
      } finally {
        await second.close();
      }
    } finally {
      await scratch.dispose();
    }
  });
});
