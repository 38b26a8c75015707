import { insertUser } from "@planpulse/auth";
import { sql } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recountObjectiveCounters } from "./rollups";

const counted = async (database: TestDatabase) =>
  Object.fromEntries(
    (await sql<{ role: string; users: number }>`select role, users from user_role_counts where users > 0 order by role`.execute(database.db)).rows.map((r) => [
      r.role,
      r.users,
    ]),
  );
const raw = async (database: TestDatabase) =>
  Object.fromEntries(
    (await sql<{ role: string; users: number }>`select role, count(*)::int as users from users group by role order by role`.execute(database.db)).rows.map(
      (r) => [r.role, r.users],
    ),
  );

describe.each(testDrivers())("members per role on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it("stay equal to the rows through sign-ups, role changes (single and multi-row), no-op updates and deletes", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i += 1) ids.push((await insertUser(database.db, { email: `r${i}@example.org`, display_name: `R${i}`, password_hash: null }))!.id);
    await database.db
      .insertInto("users")
      .values([
        { email: "s1@example.org", display_name: "S1", password_hash: null, role: "staff" },
        { email: "s2@example.org", display_name: "S2", password_hash: null, role: "staff" },
      ])
      .execute();
    expect(await counted(database)).toEqual({ member: 6, staff: 2 });

    await database.db.updateTable("users").set({ role: "moderator" }).where("id", "in", ids.slice(0, 2)).execute();
    await database.db.updateTable("users").set({ role: "leader" }).where("id", "=", ids[2]!).execute();
    // Setting the same role again, and updating other columns, changes nothing.
    await database.db.updateTable("users").set({ role: "member" }).where("id", "=", ids[3]!).execute();
    await database.db.updateTable("users").set({ display_name: "Renamed" }).where("id", "=", ids[4]!).execute();
    await database.db.deleteFrom("users").where("id", "=", ids[5]!).execute();
    expect(await counted(database)).toEqual(await raw(database));
    expect(await counted(database)).toEqual({ leader: 1, member: 2, moderator: 2, staff: 2 });

    // A bulk load without triggers leaves the counts behind; the recount puts them right.
    await sql`update user_role_counts set users = 0`.execute(database.db);
    await recountObjectiveCounters(database.db);
    expect(await counted(database)).toEqual(await raw(database));
  });
});
