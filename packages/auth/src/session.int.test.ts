import { insertUser } from "./users";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_LIFETIME_MS,
  sessionIdFromToken,
  validateSessionToken,
} from "./session";

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDrivers())("sessions on %s", (driver) => {
  let database: TestDatabase;
  let userId: number;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    userId = (await insertUser(database.db, { email: "s@example.org", display_name: "S", password_hash: null }))!.id;
  });
  afterAll(() => database.dispose());

  it("stores only the SHA-256 of a 160-bit token", async () => {
    const token = generateSessionToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    await createSession(database.db, token, userId);
    const rows = await database.db.selectFrom("sessions").select("id").execute();
    expect(rows.map((r) => r.id)).toContain(sessionIdFromToken(token));
    expect(rows.map((r) => r.id)).not.toContain(token);
    expect(sessionIdFromToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("validates a fresh session without renewing it", async () => {
    const token = generateSessionToken();
    const now = new Date("2026-11-01T00:00:00Z");
    await createSession(database.db, token, userId, now);
    const result = await validateSessionToken(database.db, token, new Date(now.getTime() + DAY));
    expect(result.user?.id).toBe(userId);
    expect(result.renewed).toBe(false);
  });

  it("renews a session with fewer than 15 days left, by 30 days from now", async () => {
    const token = generateSessionToken();
    const start = new Date("2026-11-01T00:00:00Z");
    await createSession(database.db, token, userId, start);
    const later = new Date(start.getTime() + 20 * DAY);
    const result = await validateSessionToken(database.db, token, later);
    expect(result.renewed).toBe(true);
    expect(result.session!.expires_at.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
    const stored = await database.db.selectFrom("sessions").select("expires_at").where("id", "=", sessionIdFromToken(token)).executeTakeFirstOrThrow();
    expect(stored.expires_at.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
  });

  it("rejects and removes an expired session", async () => {
    const token = generateSessionToken();
    const start = new Date("2026-10-01T00:00:00Z");
    await createSession(database.db, token, userId, start);
    const result = await validateSessionToken(database.db, token, new Date(start.getTime() + 31 * DAY));
    expect(result.session).toBeNull();
    const stored = await database.db.selectFrom("sessions").select("id").where("id", "=", sessionIdFromToken(token)).executeTakeFirst();
    expect(stored).toBeUndefined();
  });

  it("ends a session at its absolute lifetime however often it was renewed", async () => {
    const token = generateSessionToken();
    const created = new Date();
    await createSession(database.db, token, userId, created);
    // Renewals never push the expiry past the absolute end.
    const nearEnd = new Date(created.getTime() + SESSION_ABSOLUTE_LIFETIME_MS - DAY);
    await database.db
      .updateTable("sessions")
      .set({ expires_at: new Date(nearEnd.getTime() + 5 * DAY) })
      .where("id", "=", sessionIdFromToken(token))
      .execute();
    const renewed = await validateSessionToken(database.db, token, nearEnd);
    expect(renewed.session!.expires_at.getTime()).toBe(created.getTime() + SESSION_ABSOLUTE_LIFETIME_MS);
    const after = await validateSessionToken(database.db, token, new Date(created.getTime() + SESSION_ABSOLUTE_LIFETIME_MS + 1000));
    expect(after.session).toBeNull();
  });

  it("rejects malformed and unknown tokens without touching the database rows", async () => {
    expect((await validateSessionToken(database.db, "not a token!")).session).toBeNull();
    expect((await validateSessionToken(database.db, generateSessionToken())).session).toBeNull();
  });

  it("invalidates one session, then all of a user's sessions", async () => {
    const a = generateSessionToken();
    const b = generateSessionToken();
    const sessionA = await createSession(database.db, a, userId);
    await createSession(database.db, b, userId);
    await invalidateSession(database.db, sessionA.id);
    expect((await validateSessionToken(database.db, a)).session).toBeNull();
    expect((await validateSessionToken(database.db, b)).session).not.toBeNull();
    await invalidateUserSessions(database.db, userId);
    expect((await validateSessionToken(database.db, b)).session).toBeNull();
  });
});
