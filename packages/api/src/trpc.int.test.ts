import { TRPCError } from "@trpc/server";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@planpulse/auth";
import { callerAs, makeUser } from "./testing";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe.each(testDrivers())("role checks on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it.each([
    ["anonymous", null, "UNAUTHORIZED"],
    ["member", "member", "FORBIDDEN"],
    ["moderator", "moderator", "OK"],
    ["staff", "staff", "OK"],
    ["leader", "leader", "OK"],
    ["admin", "admin", "OK"],
  ] as const)("workspace.overview as %s → %s", async (_label, role, expected) => {
    const user = role ? await makeUser(database, { role }) : null;
    expect(await codeOf((await callerAs(database, user)).workspace.overview())).toBe(expected);
  });

  it("counts members in the workspace overview as the rows say, recent sign-ups included", async () => {
    const staff = await callerAs(database, await makeUser(database, { role: "staff" }));
    const before = await staff.workspace.overview();
    const fresh = await makeUser(database);
    const old = await makeUser(database);
    await database.db
      .updateTable("users")
      .set({ created_at: new Date(Date.now() - 40 * 86_400_000) })
      .where("id", "=", old.id)
      .execute();
    await database.db.updateTable("users").set({ role: "moderator" }).where("id", "=", fresh.id).execute();
    await makeUser(database);
    const after = await staff.workspace.overview();
    expect(after.members - before.members).toBe(2);
    expect(after.membersLast30Days - before.membersLast30Days).toBe(1);
    const raw = await database.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("role", "=", "member")
      .executeTakeFirstOrThrow();
    expect(after.members).toBe(Number(raw.n));
  });

  it("lets anyone read the plan pages' procedures, and 404s unknown slugs", async () => {
    const visitor = await callerAs(database, null);
    expect(await codeOf(visitor.domain.list())).toBe("NOT_FOUND"); // no plan imported in this database
    expect(await codeOf(visitor.objective.get({ slug: "advocacy-99" }))).toBe("NOT_FOUND");
    expect(await codeOf(visitor.objective.get({ slug: "Not A Slug!" }))).toBe("BAD_REQUEST");
  });

  it("lets a suspended member read but reports them as suspended", async () => {
    const suspended = await makeUser(database, { suspended: true });
    const me = await (await callerAs(database, suspended)).me.get();
    expect(me?.suspended).toBe(true);
  });

  it("a suspended admin (or moderator, staff, leader) has no staff powers at all, reads included", async () => {
    const admin = await makeUser(database, { role: "admin" });
    const adminCaller = await callerAs(database, admin);
    await adminCaller.people.invite({ email: `pending-${Date.now()}@example.org`, role: "admin" });
    for (const role of ["admin", "moderator", "staff", "leader"] as const) {
      const user = await makeUser(database, { role, suspended: true });
      const caller = await callerAs(database, user);
      const reads = {
        "people.list": () => caller.people.list({ page: 1 }),
        "people.outbox": () => caller.people.outbox(),
        "people.invitations": () => caller.people.invitations(),
        "audit.list": () => caller.audit.list({}),
        "moderation.queue": () => caller.moderation.queue({ view: "queue" }),
        "insight.dashboard": () => caller.insight.dashboard({}),
        "workspace.overview": () => caller.workspace.overview(),
        "response.queue": () => caller.response.queue({}),
      };
      for (const [path, read] of Object.entries(reads)) {
        expect(await codeOf(read()), `${path} as suspended ${role}`).toBe("FORBIDDEN");
      }
      expect(await codeOf(caller.people.invite({ email: "sock@example.org", role: "admin" })), `invite as suspended ${role}`).toBe("FORBIDDEN");
      expect(await codeOf(caller.people.reinstate({ userId: user.id })), `self-reinstate as suspended ${role}`).toBe("FORBIDDEN");
      // Their own data stays theirs: export works.
      expect((await caller.account.export()).account.id).toBe(user.id);
    }
  });

  it("a suspended account may still delete itself", async () => {
    const user = await makeUser(database, { suspended: true });
    await database.db
      .updateTable("users")
      .set({ password_hash: await hashPassword("suspended but leaving") })
      .where("id", "=", user.id)
      .execute();
    await (await callerAs(database, user)).account.delete({ password: "suspended but leaving" });
    expect((await database.db.selectFrom("users").select("deleted_at").where("id", "=", user.id).executeTakeFirstOrThrow()).deleted_at).not.toBeNull();
  });

  it("moderation.reinstate and people.reinstate follow one policy: a moderator cannot lift an admin's suspension of staff", async () => {
    const admin = await makeUser(database, { role: "admin" });
    const moderator = await makeUser(database, { role: "moderator" });
    const staff = await makeUser(database, { role: "staff" });
    await (await callerAs(database, admin)).people.suspend({ userId: staff.id, reason: "Admin decision" });
    const mod = await callerAs(database, moderator);
    expect(await codeOf(mod.moderation.reinstate({ userId: staff.id }))).toBe("FORBIDDEN");
    expect(await codeOf(mod.moderation.suspend({ userId: admin.id, reason: "Turnabout" }))).toBe("FORBIDDEN");
    expect(await codeOf(mod.people.reinstate({ userId: staff.id }))).toBe("FORBIDDEN");
    expect((await database.db.selectFrom("users").select("suspended_at").where("id", "=", staff.id).executeTakeFirstOrThrow()).suspended_at).not.toBeNull();
  });
});
