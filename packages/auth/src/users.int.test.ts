import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByEmail, insertUser } from "./users";

describe.each(testDrivers())("accounts on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it("keeps emails unique whatever their letter case, and finds an account by any of them", async () => {
    const first = await insertUser(database.db, { email: "Ann@Example.org", display_name: "Ann", password_hash: null });
    expect(first).toBeDefined();
    const second = await insertUser(database.db, { email: "ann@example.ORG", display_name: "Other", password_hash: null });
    expect(second).toBeUndefined();
    expect((await findUserByEmail(database.db, "ANN@example.org"))?.display_name).toBe("Ann");
  });
});
