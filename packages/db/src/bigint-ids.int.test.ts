import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, insertTestPlan, insertTestUser, testDrivers, type TestDatabase } from "./testing";

// audit_log, notifications and objective_progress_history have bigint (int8) ids. pg returns int8
// as a string and PGlite as a BigInt above 2^53 unless told otherwise; client.ts tells both to
// return a number, which is what the table types say.
describe.each(testDrivers())("bigint ids on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it("read as numbers, written back as numbers", async () => {
    const db = database.db;
    const user = await insertTestUser(db, { email: "ids@example.org", display_name: "Ids", password_hash: null });
    const objectiveId = (await insertTestPlan(db, { objectives: 1 })).objectiveIds[0]!;

    const audit = await db.insertInto("audit_log").values({ action: "test.ids", target_type: "test" }).returning("id").executeTakeFirstOrThrow();
    const notification = await db
      .insertInto("notifications")
      .values({ user_id: user.id, kind: "progress_update", objective_id: objectiveId })
      .returning("id")
      .executeTakeFirstOrThrow();
    const history = await db
      .insertInto("objective_progress_history")
      .values({ objective_id: objectiveId, before: "{}", after: "{}" })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const id of [audit.id, notification.id, history.id]) expect(typeof id).toBe("number");

    // Read back by the number, and in a select of their own.
    expect((await db.selectFrom("audit_log").select("id").where("id", "=", audit.id).executeTakeFirstOrThrow()).id).toBe(audit.id);
    expect((await db.selectFrom("notifications").select("id").where("id", "in", [notification.id]).executeTakeFirstOrThrow()).id).toBe(notification.id);
    expect((await db.selectFrom("objective_progress_history").select("id").where("id", "=", history.id).executeTakeFirstOrThrow()).id).toBe(history.id);
  });

  it("an int8 past 2^53 and a count are numbers too, on either driver", async () => {
    const { rows } = await sql<{ big: unknown; n: unknown }>`select (9007199254740993)::bigint as big, count(*) as n from audit_log`.execute(database.db);
    expect(typeof rows[0]!.big).toBe("number");
    expect(typeof rows[0]!.n).toBe("number");
  });
});
