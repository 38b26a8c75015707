import { Migrator, sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "./migrations";
import { isUniqueViolation } from "./database-errors";
import { createTestDatabase, insertTestUser, testDrivers, type TestDatabase } from "./testing";

// Migration 0065: existing accounts get handles (oldest first, deterministic), deleted ones none;
// every later insert without a handle gets one made from the display name.
describe.each(testDrivers())("handles (migration 0065, %s)", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver, { migrate: false });
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("2026_12_01_0050_member_comment_counts")).error).toBeUndefined();
    const db = database.db as never as Kysely<any>;
    await sql`
      insert into users (email, display_name, role, deleted_at) values
        ('ann@example.org', 'Ann Lee', 'member', null),
        ('ann2@example.org', 'ANN  LEE!', 'member', null),
        ('admin@example.org', 'Admin', 'admin', null),
        ('jo@example.org', 'José Ñúñez', 'member', null),
        ('li@example.org', '李', 'member', null),
        ('al@example.org', 'Al', 'member', null),
        ('gone@deleted.invalid', 'Former member', 'member', now())`.execute(db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  }, 180_000);
  afterAll(() => database.dispose());

  async function handleOf(email: string) {
    const row = await database.db.selectFrom("users").select(["id", "handle"]).where("email", "=", email).executeTakeFirstOrThrow();
    return row;
  }

  it("backfills existing accounts deterministically", async () => {
    expect((await handleOf("ann@example.org")).handle).toBe("ann-lee");
    const second = await handleOf("ann2@example.org");
    expect(second.handle).toBe(`ann-lee-${second.id}`);
    const admin = await handleOf("admin@example.org");
    expect(admin.handle).toBe(`admin-${admin.id}`);
    expect((await handleOf("jo@example.org")).handle).toBe("jose-nunez");
    expect((await handleOf("li@example.org")).handle).toBe("member");
    expect((await handleOf("al@example.org")).handle).toBe("member-al");
    expect((await handleOf("gone@deleted.invalid")).handle).toBeNull();
  });

  it("gives every new account a handle, whatever creates it", async () => {
    const user = (await insertTestUser(database.db, { email: "new@example.org", display_name: "Ann Lee", password_hash: null }))!;
    expect(user.handle).toBe(`ann-lee-${user.id}`);
    const long = (await insertTestUser(database.db, { email: "long@example.org", display_name: "A".repeat(80), password_hash: null }))!;
    expect(long.handle).toBe("a".repeat(30));
    const longer = (await insertTestUser(database.db, { email: "long2@example.org", display_name: "A".repeat(80), password_hash: null }))!;
    expect(longer.handle!.length).toBeLessThanOrEqual(30);
    expect(longer.handle!.endsWith(`-${longer.id}`)).toBe(true);
    const hostile = (await insertTestUser(database.db, { email: "x@example.org", display_name: "<script>@everyone</script>", password_hash: null }))!;
    expect(hostile.handle).toBe("script-everyone-script");
  });

  it("refuses a handle of the wrong form, and a taken one in any letter case", async () => {
    await expect(insertTestUser(database.db, { email: "bad@example.org", display_name: "Bad", password_hash: null, handle: "Bad Handle" })).rejects.toThrow();
    const error = await insertTestUser(database.db, { email: "dup@example.org", display_name: "Dup", password_hash: null, handle: "ann-lee" }).catch(
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
  });

  it("clears nothing but requires a handle while the account exists", async () => {
    const user = (await insertTestUser(database.db, { email: "keep@example.org", display_name: "Keep", password_hash: null }))!;
    await expect(database.db.updateTable("users").set({ handle: null }).where("id", "=", user.id).execute()).rejects.toThrow();
    await database.db.updateTable("users").set({ handle: null, deleted_at: new Date() }).where("id", "=", user.id).execute();
  });

  it("two accounts with the same name created at once both get a handle", async () => {
    const names = Array.from({ length: 6 }, (_, i) => ({ email: `race-${i}@example.org`, display_name: "Race Twin", password_hash: null }));
    const created = await Promise.all(names.map((values) => insertTestUser(database.db, values)));
    const handles = created.map((user) => user!.handle);
    expect(new Set(handles).size).toBe(6);
    expect(handles).toContain("race-twin");
  });
});
