import { TRPCError } from "@trpc/server";
import { WRONG_CREDENTIALS_MESSAGE } from "@planpulse/core";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs, callerWithCookies } from "../testing";

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe.each(testDrivers())("auth procedures on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it("signs up, sets an HttpOnly cookie, and me.get sees the member", async () => {
    const { caller: visitor, cookies } = await callerWithCookies(database, null);
    const result = await visitor.auth.signUp({ displayName: "Rosa Parks", email: "Rosa@Example.org", password: "long enough pass" });
    expect(result.role).toBe("member");
    expect(cookies[0]).toMatch(/^planpulse_session=[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax/);
    const user = await database.db.selectFrom("users").selectAll().where("id", "=", result.id).executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const me = await (await callerAs(database, user)).me.get();
    expect(me).toMatchObject({ displayName: "Rosa Parks", role: "member", suspended: false });
  });

  it("refuses a second account for the same email in another case, on the email field", async () => {
    const visitor = await callerAs(database, null);
    const error = await rejection(visitor.auth.signUp({ displayName: "Rosa Again", email: "rosa@example.ORG", password: "long enough pass" }));
    expect(error.code).toBe("CONFLICT");
    expect((error.cause as { fieldErrors?: Record<string, string[]> }).fieldErrors?.email?.[0]).toMatch(/already exists/);
    const count = await database.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("display_name", "=", "Rosa Again")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("rejects invalid sign-up input with field errors and writes nothing", async () => {
    const before = await database.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const error = await rejection((await callerAs(database, null)).auth.signUp({ displayName: "", email: "nope", password: "x".repeat(500) }));
    expect(error.code).toBe("BAD_REQUEST");
    const after = await database.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("gives one message for a wrong password and for an unknown email", async () => {
    const wrongPassword = await rejection((await callerAs(database, null)).auth.signIn({ email: "rosa@example.org", password: "wrong password" }));
    const unknownEmail = await rejection((await callerAs(database, null)).auth.signIn({ email: "nobody@example.org", password: "wrong password" }));
    expect(wrongPassword.code).toBe("UNAUTHORIZED");
    expect(wrongPassword.message).toBe(WRONG_CREDENTIALS_MESSAGE);
    expect(unknownEmail.message).toBe(WRONG_CREDENTIALS_MESSAGE);
  });

  it("signs in with the right password, whatever the email's case", async () => {
    const { caller, cookies } = await callerWithCookies(database, null, { ip: "198.51.100.1" });
    const result = await caller.auth.signIn({ email: "ROSA@example.org", password: "long enough pass" });
    expect(result.displayName).toBe("Rosa Parks");
    expect(cookies).toHaveLength(1);
  });

  it("signs out: the session row is gone and the cookie is cleared", async () => {
    const user = await database.db.selectFrom("users").selectAll().where("email", "=", "Rosa@Example.org").executeTakeFirstOrThrow();
    const before = await database.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    const { caller, cookies } = await callerWithCookies(database, user);
    expect((await caller.me.get())?.displayName).toBe("Rosa Parks");
    await caller.auth.signOut();
    expect(cookies[0]).toMatch(/Max-Age=0/);
    // The session callerWithCookies made is gone; the member's other sessions stay.
    const after = await database.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(after.map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
  });
});
