import { createSession, generateSessionToken, insertUser, hashPassword } from "@planpulse/auth";
import type { Role, User } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { acceptInvitationWithExistingAccount, acceptInvitationWithNewAccount, getInvitation, inviteStaff, INVITATION_LIFETIME_MS } from "./invitations";
import { listOutbox } from "../mail/mailer";
import { reinstateAccount, suspendAccount } from "./account-policy";
import { changeUserRole, searchPeople, setStaffDomains } from "./manage-people";

let counter = 0;
async function user(database: TestDatabase, role: Role, name = "Person"): Promise<User> {
  counter += 1;
  return (await insertUser(database.db, {
    email: `people-${counter}-${Date.now()}@example.org`,
    display_name: `${name} ${counter}`,
    password_hash: null,
    role,
  }))!;
}
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}
const tokenOf = (link: string) => link.split("/invite/")[1]!;

describe.each(testDrivers())("people and invitations on %s", (driver) => {
  let database: TestDatabase;
  let admin: User;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    admin = await user(database, "admin", "Ada");
  });
  afterAll(() => database.dispose());

  it("finds people by name or email, a page at a time", async () => {
    await user(database, "member", "Zelda Quux");
    const found = await searchPeople(database.db, { q: "zelda q", page: 1 });
    expect(found.people.map((p) => p.displayName)).toEqual([expect.stringMatching(/^Zelda Quux/)]);
    expect((await searchPeople(database.db, { q: "100%_", page: 1 })).total).toBe(0);
  });

  it("changes roles with an audit entry, but never removes the last admin", async () => {
    const person = await user(database, "member");
    await changeUserRole(database.db, admin, { userId: person.id, role: "moderator" });
    const audit = await database.db.selectFrom("audit_log").selectAll().where("action", "=", "user.change_role").executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ role: "member" });
    expect(audit.after).toEqual({ role: "moderator" });
    expect(await codeOf(changeUserRole(database.db, admin, { userId: admin.id, role: "member" }))).toBe("CONFLICT");
    expect((await database.db.selectFrom("users").select("role").where("id", "=", admin.id).executeTakeFirstOrThrow()).role).toBe("admin");
    expect(await codeOf(changeUserRole(database.db, admin, { userId: 999_999, role: "member" }))).toBe("NOT_FOUND");
  });

  it("suspension ends every session; reinstating restores the account", async () => {
    const person = await user(database, "member");
    await createSession(database.db, generateSessionToken(), person.id);
    await createSession(database.db, generateSessionToken(), person.id);
    await suspendAccount(database.db, admin, { userId: person.id, reason: "Spam" });
    expect(await database.db.selectFrom("sessions").select("id").where("user_id", "=", person.id).execute()).toHaveLength(0);
    expect(await codeOf(suspendAccount(database.db, admin, { userId: admin.id, reason: "Oops" }))).toBe("FORBIDDEN");
    await reinstateAccount(database.db, admin, { userId: person.id });
    expect((await database.db.selectFrom("users").select("suspended_at").where("id", "=", person.id).executeTakeFirstOrThrow()).suspended_at).toBeNull();
  });

  it("assigns staff to domains and refuses unknown domains", async () => {
    const staff = await user(database, "staff");
    expect(await codeOf(setStaffDomains(database.db, admin, { userId: staff.id, domainIds: [999_999] }))).toBe("BAD_REQUEST");
    expect((await setStaffDomains(database.db, admin, { userId: staff.id, domainIds: [] })).changed).toBe(false);
  });

  it("invites by a single-use link: only the hash is stored, the mail waits in the outbox", async () => {
    const invite = await inviteStaff(database.db, admin, { email: "new.staff@example.org", role: "staff", adminOrigin: "http://admin.test" });
    const token = tokenOf(invite.link);
    const stored = await database.db.selectFrom("invitations").selectAll().where("id", "=", invite.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const outbox = await listOutbox(database.db);
    expect(outbox[0]!.to).toBe("new.staff@example.org");
    // The outbox never shows a live link: the admin screen shows it once, the mail carries it.
    expect(outbox[0]!.body).not.toContain(token);
    expect(outbox[0]!.body).toContain("withheld");
    expect(outbox[0]!.status).toBe("queued");

    expect(await getInvitation(database.db, token)).toMatchObject({ email: "new.staff@example.org", role: "staff", hasAccount: false });
    const signedIn = await acceptInvitationWithNewAccount(database.db, { token, displayName: "New Staff", password: "a long password", ip: "192.0.2.1" });
    expect(signedIn.user.role).toBe("staff");
    expect(await codeOf(acceptInvitationWithNewAccount(database.db, { token, displayName: "Again", password: "a long password", ip: "192.0.2.1" }))).toBe(
      "CONFLICT",
    );
    expect(await codeOf(getInvitation(database.db, token))).toBe("CONFLICT");
    expect(await codeOf(getInvitation(database.db, "abcdefghijklmnopqrstuvwx"))).toBe("NOT_FOUND");
  });

  it("refuses an expired invitation and lets an existing account accept with its password", async () => {
    const existing = (await insertUser(database.db, {
      email: "existing@example.org",
      display_name: "Existing",
      password_hash: await hashPassword("existing password"),
      role: "member",
    }))!;
    const past = new Date(Date.now() - INVITATION_LIFETIME_MS - 1000);
    const old = await inviteStaff(database.db, admin, { email: existing.email, role: "leader", adminOrigin: "http://admin.test" }, past);
    expect(await codeOf(getInvitation(database.db, tokenOf(old.link)))).toBe("CONFLICT");
    expect(await codeOf(acceptInvitationWithExistingAccount(database.db, { token: tokenOf(old.link), password: "existing password", ip: "192.0.2.1" }))).toBe(
      "CONFLICT",
    );

    const fresh = await inviteStaff(database.db, admin, { email: existing.email, role: "leader", adminOrigin: "http://admin.test" });
    expect(await codeOf(acceptInvitationWithExistingAccount(database.db, { token: tokenOf(fresh.link), password: "wrong password", ip: "192.0.2.1" }))).toBe(
      "UNAUTHORIZED",
    );
    const accepted = await acceptInvitationWithExistingAccount(database.db, { token: tokenOf(fresh.link), password: "existing password", ip: "192.0.2.1" });
    expect(accepted.user.role).toBe("leader");
    expect((await database.db.selectFrom("users").select("role").where("id", "=", existing.id).executeTakeFirstOrThrow()).role).toBe("leader");
  });
});
