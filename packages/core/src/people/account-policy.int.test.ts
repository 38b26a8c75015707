import { createSession, generateSessionToken, hashPassword, insertUser } from "@planpulse/auth";
import { sql, type Role, type User } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteMyAccount } from "../account/delete-my-account";
import { AppError } from "../errors";
import { mayActOn, reinstateAccount, suspendAccount } from "./account-policy";
import { acceptInvitationWithExistingAccount, acceptInvitationWithNewAccount, inviteStaff } from "./invitations";
import { changeUserRole } from "./manage-people";

let counter = 0;
async function person(database: TestDatabase, role: Role, password: string | null = null): Promise<User> {
  counter += 1;
  return (await insertUser(database.db, {
    email: `policy-${counter}-${Date.now()}@example.org`,
    display_name: `Policy ${role} ${counter}`,
    password_hash: password ? await hashPassword(password) : null,
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
async function fresh(database: TestDatabase, id: number): Promise<User> {
  return database.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
async function activeAdmins(database: TestDatabase): Promise<number> {
  const row = await database.db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("role", "=", "admin")
    .where("suspended_at", "is", null)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
const ROLES: Role[] = ["member", "moderator", "staff", "leader", "admin"];

describe("who may act on whom (the one policy)", () => {
  const target = (role: Role, id = 2) => ({ id, role, suspended_at: null, deleted_at: null });
  it("moderators act on members only; admins on anyone but themselves; other roles on nobody", () => {
    for (const role of ROLES) {
      expect(mayActOn({ id: 1, role: "moderator" }, target(role), "suspend").ok, `moderator suspends ${role}`).toBe(role === "member");
      expect(mayActOn({ id: 1, role: "moderator" }, target(role), "reinstate").ok, `moderator reinstates ${role}`).toBe(role === "member");
      expect(mayActOn({ id: 1, role: "moderator" }, target(role), "change_role").ok).toBe(false);
      expect(mayActOn({ id: 1, role: "admin" }, target(role), "suspend").ok).toBe(true);
      for (const weak of ["member", "staff", "leader"] as const) {
        expect(mayActOn({ id: 1, role: weak }, target(role), "suspend").ok).toBe(false);
        expect(mayActOn({ id: 1, role: weak }, target(role), "reinstate").ok).toBe(false);
      }
    }
    expect(mayActOn({ id: 1, role: "admin" }, target("admin", 1), "suspend").ok).toBe(false);
    expect(mayActOn({ id: 1, role: "admin" }, target("admin", 2), "delete").ok).toBe(false);
    expect(mayActOn({ id: 1, role: "member" }, target("member", 1), "delete").ok).toBe(true);
  });
  it("a suspended actor acts on nobody (but may still delete its own account); a deleted target is out of reach", () => {
    const suspendedAdmin = { id: 1, role: "admin" as const, suspended_at: new Date() };
    for (const action of ["suspend", "reinstate", "change_role"] as const) expect(mayActOn(suspendedAdmin, target("member"), action).ok).toBe(false);
    expect(mayActOn(suspendedAdmin, { ...target("admin", 1), suspended_at: new Date() }, "delete").ok).toBe(true);
    expect(mayActOn({ id: 1, role: "admin" }, { ...target("member"), deleted_at: new Date() }, "suspend").ok).toBe(false);
  });
});

describe.each(testDrivers())("account policy and last administrator on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it("a moderator cannot lift an administrator's suspension of staff or admins (finding 7), nor suspend them", async () => {
    const admin = await person(database, "admin");
    await person(database, "admin"); // a second active admin, so suspending admins is not a last-admin question
    const moderator = await person(database, "moderator");
    for (const role of ["moderator", "staff", "leader", "admin"] as const) {
      const victim = await person(database, role);
      expect(await codeOf(suspendAccount(database.db, moderator, { userId: victim.id, reason: "Not mine to judge" }))).toBe("FORBIDDEN");
      await suspendAccount(database.db, admin, { userId: victim.id, reason: "Admin decision" });
      expect(await codeOf(reinstateAccount(database.db, moderator, { userId: victim.id }))).toBe("FORBIDDEN");
      expect(await codeOf(reinstateAccount(database.db, moderator, { userId: victim.id }, { whenUnchanged: "conflict" }))).toBe("FORBIDDEN");
      expect((await fresh(database, victim.id)).suspended_at).not.toBeNull();
    }
    const member = await person(database, "member");
    await suspendAccount(database.db, moderator, { userId: member.id, reason: "Spam" }, { whenUnchanged: "conflict" });
    expect(await codeOf(suspendAccount(database.db, moderator, { userId: member.id, reason: "Again" }, { whenUnchanged: "conflict" }))).toBe("CONFLICT");
    expect((await suspendAccount(database.db, admin, { userId: member.id, reason: "Again" })).changed).toBe(false);
    await reinstateAccount(database.db, moderator, { userId: member.id, note: "Served" });
  });

  it("staff, leaders, members and suspended admins act on nobody", async () => {
    const member = await person(database, "member");
    for (const role of ["member", "staff", "leader"] as const) {
      const actor = await person(database, role);
      expect(await codeOf(suspendAccount(database.db, actor, { userId: member.id, reason: "Because" }))).toBe("FORBIDDEN");
      expect(await codeOf(changeUserRole(database.db, actor, { userId: member.id, role: "admin" }))).toBe("FORBIDDEN");
    }
    const suspendedAdmin = { ...(await person(database, "admin")), suspended_at: new Date() };
    expect(await codeOf(changeUserRole(database.db, suspendedAdmin, { userId: member.id, role: "admin" }))).toBe("FORBIDDEN");
    expect(await codeOf(suspendAccount(database.db, suspendedAdmin, { userId: member.id, reason: "Because" }))).toBe("FORBIDDEN");
    expect((await fresh(database, member.id)).role).toBe("member");
  });

  it("writes one audit shape per action, whichever path suspends or reinstates", async () => {
    const admin = await person(database, "admin");
    const moderator = await person(database, "moderator");
    const a = await person(database, "member");
    const b = await person(database, "member");
    await suspendAccount(database.db, moderator, { userId: a.id, reason: "Via the moderation queue" }, { whenUnchanged: "conflict" });
    await suspendAccount(database.db, admin, { userId: b.id, reason: "Via the people page" });
    await reinstateAccount(database.db, moderator, { userId: a.id }, { whenUnchanged: "conflict" });
    await reinstateAccount(database.db, admin, { userId: b.id, note: "Fine now" });
    const rows = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("target_id", "in", [String(a.id), String(b.id)])
      .orderBy("id")
      .execute();
    const shape = (action: string) =>
      rows.filter((r) => r.action === action).map((r) => ({ before: Object.keys(r.before as object).sort(), after: Object.keys(r.after as object).sort() }));
    expect(shape("user.suspend")).toEqual([
      { before: ["role", "suspended"], after: ["sessionsRevoked", "suspended"] },
      { before: ["role", "suspended"], after: ["sessionsRevoked", "suspended"] },
    ]);
    expect(shape("user.reinstate")).toEqual([
      { before: ["suspended", "suspendedAt"], after: ["suspended"] },
      { before: ["suspended", "suspendedAt"], after: ["suspended"] },
    ]);
  });

  it("deleted accounts never count as administrators", async () => {
    const db = await createTestDatabase(driver);
    try {
      const [admin, formerAdmin] = [await person(db, "admin"), await person(db, "admin")];
      await db.db.updateTable("users").set({ deleted_at: new Date() }).where("id", "=", formerAdmin.id).execute();
      expect(await codeOf(changeUserRole(db.db, admin, { userId: admin.id, role: "member" }))).toBe("CONFLICT");
      expect(await codeOf(suspendAccount(db.db, await fresh(db, formerAdmin.id), { userId: admin.id, reason: "Ghost" }))).toBe("FORBIDDEN");
      expect(await codeOf(changeUserRole(db.db, admin, { userId: formerAdmin.id, role: "admin" }))).toBe("FORBIDDEN");
    } finally {
      await db.dispose();
    }
  });

  it("the last active administrator cannot delete their account; another admin can, once there are two", async () => {
    const db = await createTestDatabase(driver);
    try {
      const admin = await person(db, "admin", "admin's long passphrase");
      expect(await codeOf(deleteMyAccount(db.db, admin.id, "admin's long passphrase"))).toBe("CONFLICT");
      expect((await fresh(db, admin.id)).deleted_at).toBeNull();
      const second = await person(db, "admin", "second long passphrase");
      await deleteMyAccount(db.db, second.id, "second long passphrase");
      expect(await activeAdmins(db)).toBe(1);
    } finally {
      await db.dispose();
    }
  });

  it("two administrators demoting, suspending or deleting each other at once leave one active administrator", async () => {
    for (const attack of ["demote", "suspend", "delete"] as const) {
      const db = await createTestDatabase(driver);
      try {
        const a = await person(db, "admin", "first admin passphrase");
        const b = await person(db, "admin", "second admin passphrase");
        const run = (actor: User, target: User, password: string) =>
          attack === "demote"
            ? changeUserRole(db.db, actor, { userId: target.id, role: "member" })
            : attack === "suspend"
              ? suspendAccount(db.db, actor, { userId: target.id, reason: "Coup" })
              : deleteMyAccount(db.db, actor.id, password);
        const results = await Promise.allSettled([run(a, b, "first admin passphrase"), run(b, a, "second admin passphrase")]);
        expect(
          results.filter((r) => r.status === "fulfilled"),
          attack,
        ).toHaveLength(1);
        expect(await activeAdmins(db), attack).toBe(1);
      } finally {
        await db.dispose();
      }
    }
  });

  it("the audit log refuses TRUNCATE as well as UPDATE and DELETE", async () => {
    const admin = await person(database, "admin");
    const member = await person(database, "member");
    await suspendAccount(database.db, admin, { userId: member.id, reason: "Leave a trace" });
    const before = await database.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    const after = await database.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("a suspended admin's pending invitations mint nothing, for a new or an existing account", async () => {
    const admin = await person(database, "admin");
    const other = await person(database, "admin");
    const invite = await inviteStaff(database.db, admin, { email: `alt-${Date.now()}@example.org`, role: "admin", adminOrigin: "http://admin.test" });
    const existing = await person(database, "member", "existing member passphrase");
    const inviteExisting = await inviteStaff(database.db, admin, { email: existing.email, role: "admin", adminOrigin: "http://admin.test" });
    await createSession(database.db, generateSessionToken(), admin.id);
    await suspendAccount(database.db, other, { userId: admin.id, reason: "Compromised" });
    const token = invite.link.split("/invite/")[1]!;
    expect(
      await codeOf(acceptInvitationWithNewAccount(database.db, { token, displayName: "Sock Puppet", password: "a very long passphrase", ip: "192.0.2.7" })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(
        acceptInvitationWithExistingAccount(database.db, {
          token: inviteExisting.link.split("/invite/")[1]!,
          password: "existing member passphrase",
          ip: "192.0.2.7",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect((await fresh(database, existing.id)).role).toBe("member");
    expect(await database.db.selectFrom("users").select("id").where("display_name", "=", "Sock Puppet").execute()).toEqual([]);
  });

  it("a suspended account cannot accept an invitation to gain a role (replay of a valid link)", async () => {
    const admin = await person(database, "admin");
    const suspended = await person(database, "moderator", "suspended moderator passphrase");
    await database.db.updateTable("users").set({ suspended_at: new Date() }).where("id", "=", suspended.id).execute();
    const invite = await inviteStaff(database.db, admin, { email: suspended.email, role: "admin", adminOrigin: "http://admin.test" });
    const token = invite.link.split("/invite/")[1]!;
    const attempt = () => acceptInvitationWithExistingAccount(database.db, { token, password: "suspended moderator passphrase", ip: "192.0.2.8" });
    expect(await codeOf(attempt())).toBe("FORBIDDEN");
    expect(await codeOf(attempt())).toBe("FORBIDDEN");
    const after = await fresh(database, suspended.id);
    expect(after.role).toBe("moderator");
    expect(after.suspended_at).not.toBeNull();
    expect((await database.db.selectFrom("invitations").select("accepted_at").where("id", "=", invite.id).executeTakeFirstOrThrow()).accepted_at).toBeNull();
  });
});
