import { hashPassword, findUserByEmail, insertUser } from "@planpulse/auth";
import type { Role, User } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getMemberAnswers, updateMyAnswers } from "../segments/member-answers";
import { seedTestQuestions } from "../segments/test-questions";
import { signIn } from "../auth/sign-in";
import { signUp } from "../auth/sign-up";
import { AppError } from "../errors";
import type { MappedClaims } from "./oidc-claims";
import { configurePasswordSignIn, PASSWORD_SIGN_IN_OFF_MESSAGE } from "./password-policy";
import { signInWithOidc, SSO_MESSAGES } from "./sign-in-with-oidc";

const ISSUER = "https://login.example.org";
let counter = 0;
function claims(overrides: Partial<MappedClaims> = {}): MappedClaims {
  counter += 1;
  return {
    subject: `subject-${counter}-${Date.now()}`,
    email: `sso-${counter}-${Date.now()}@example.net`,
    emailVerified: true,
    displayName: "Sso Person",
    memberId: null,
    role: null,
    segments: {},
    ...overrides,
  };
}
async function user(database: TestDatabase, options: { role?: Role; verified?: boolean; suspended?: boolean; email?: string } = {}): Promise<User> {
  counter += 1;
  return (await insertUser(database.db, {
    email: options.email ?? `local-${counter}-${Date.now()}@example.org`,
    display_name: `Local ${counter}`,
    password_hash: await hashPassword("a long enough password"),
    role: options.role ?? "member",
    email_verified_at: options.verified ? new Date() : null,
    suspended_at: options.suspended ? new Date() : null,
  }))!;
}
async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.userMessage };
    throw error;
  }
  return { code: "OK", message: "" };
}

describe.each(testDrivers())("SSO sign-in on %s", (driver) => {
  let database: TestDatabase;
  const warn = vi.fn();
  const sso = (c: MappedClaims, rolesFromClaims = false) => signInWithOidc(database.db, { issuer: ISSUER, claims: c, rolesFromClaims, warn });
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedTestQuestions(database.db);
  });
  afterAll(() => database.dispose());
  afterEach(() => configurePasswordSignIn({ adminsOnly: false }));

  it("creates a member on first sign-in, with the email verified as the provider says, and finds them again by identity", async () => {
    const first = claims({ memberId: "ALA-77", segments: { member_type: "Student", region: "north" } });
    const created = await sso(first);
    expect(created.outcome).toBe("created");
    expect(created.user.role).toBe("member");
    expect(created.user.email_verified_at).not.toBeNull();
    expect(created.user.member_id).toBe("ALA-77");
    const { questions } = await getMemberAnswers(database.db, created.user.id);
    const answered = questions.filter((q) => q.answer.length > 0).map((q) => [q.key, q.answer, q.verified]);
    expect(answered).toEqual([
      ["member_type", ["Student"], true],
      ["region", ["North"], true],
    ]);
    // The email may change at the provider; the identity still finds the same account.
    const again = await sso({ ...first, email: "changed@example.net" });
    expect([again.outcome, again.user.id]).toEqual(["signed_in", created.user.id]);

    const unverified = await sso(claims({ emailVerified: false }));
    expect(unverified.user.email_verified_at).toBeNull();
  });

  it("links to an existing account only when both sides verified the email", async () => {
    const verified = await user(database, { verified: true });
    const linked = await sso(claims({ email: verified.email.toUpperCase() }));
    expect([linked.outcome, linked.user.id]).toEqual(["linked", verified.id]);

    const unverified = await user(database);
    expect(await failure(sso(claims({ email: unverified.email })))).toEqual({ code: "CONFLICT", message: SSO_MESSAGES.unverifiedLink });
    const providerUnsure = await user(database, { verified: true });
    expect(await failure(sso(claims({ email: providerUnsure.email, emailVerified: false })))).toEqual({
      code: "CONFLICT",
      message: SSO_MESSAGES.unverifiedProvider,
    });
    // Nothing was linked or created by the refusals.
    const identities = await database.db.selectFrom("user_identities").select("user_id").where("user_id", "in", [unverified.id, providerUnsure.id]).execute();
    expect(identities).toEqual([]);
  });

  it("refuses a suspended account, first time or linked, and creates no session", async () => {
    const suspended = await user(database, { verified: true, suspended: true });
    const before = await database.db.selectFrom("sessions").select("id").where("user_id", "=", suspended.id).execute();
    expect(await failure(sso(claims({ email: suspended.email })))).toEqual({ code: "FORBIDDEN", message: SSO_MESSAGES.suspended });
    expect(await database.db.selectFrom("sessions").select("id").where("user_id", "=", suspended.id).execute()).toEqual(before);
    // A refused first sign-in rolled back its link as well.
    expect(await database.db.selectFrom("user_identities").select("id").where("user_id", "=", suspended.id).execute()).toEqual([]);
  });

  it("takes roles from claims only when configured, never above the mapping, never demoting an admin", async () => {
    const c = claims({ role: "staff" });
    expect((await sso(c, false)).user.role).toBe("member");
    expect((await sso(c, true)).user.role).toBe("staff");
    // Leaving the mapped group takes the role away again.
    expect((await sso({ ...c, role: null }, true)).user.role).toBe("member");

    const admin = await user(database, { role: "admin", verified: true });
    const adminClaims = claims({ email: admin.email, role: null });
    expect((await sso(adminClaims, true)).user.role).toBe("admin");
    const audit = await database.db.selectFrom("audit_log").select(["action", "after"]).where("target_id", "=", String(admin.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(["user.sso_link"]);
  });

  it("ignores bad segment answers and a member id someone else holds, with warnings", async () => {
    warn.mockClear();
    const holder = await sso(claims({ memberId: "ALA-HELD" }));
    const other = await sso(claims({ memberId: "ALA-HELD", segments: { member_type: "Emperor", nonsense: "x", region: "South" } }));
    expect(other.user.member_id).toBeNull();
    expect(holder.user.member_id).toBe("ALA-HELD");
    const { questions } = await getMemberAnswers(database.db, other.user.id);
    expect(questions.filter((q) => q.answer.length > 0).map((q) => [q.key, q.answer])).toEqual([["region", ["South"]]]);
    expect(warn.mock.calls.map(([m]) => m).join("\n")).toMatch(
      /Member type: "Emperor" is not one of its choices[\s\S]*"nonsense" is not a segment question[\s\S]*member id claim ignored/,
    );
  });

  it("keeps verified answers from being overwritten on /me, while the rest stay editable", async () => {
    const { user: member } = await sso(claims({ segments: { member_type: "Retired" } }));
    const saved = await updateMyAnswers(database.db, member.id, { member_type: "Retired", career_stage: "Early career" });
    expect(saved.questions.find((q) => q.key === "career_stage")?.answer).toEqual(["Early career"]);
    expect((await failure(updateMyAnswers(database.db, member.id, { member_type: "Student" }))).code).toBe("BAD_REQUEST");
    expect((await getMemberAnswers(database.db, member.id)).questions.find((q) => q.key === "member_type")?.answer).toEqual(["Retired"]);
  });

  it("OIDC_ONLY: password sign-in and sign-up only for admins (break-glass)", async () => {
    configurePasswordSignIn({ adminsOnly: true });
    const member = await user(database);
    const admin = await user(database, { role: "admin" });
    expect(await failure(signIn(database.db, { email: member.email, password: "a long enough password", ip: "198.51.100.1" }))).toEqual({
      code: "FORBIDDEN",
      message: PASSWORD_SIGN_IN_OFF_MESSAGE,
    });
    // A wrong password still gets the usual answer, so the policy reveals nothing about who is an admin.
    expect((await failure(signIn(database.db, { email: member.email, password: "wrong password!!", ip: "198.51.100.1" }))).code).toBe("UNAUTHORIZED");
    const signedIn = await signIn(database.db, { email: admin.email, password: "a long enough password", ip: "198.51.100.1" });
    expect(signedIn.user.id).toBe(admin.id);
    const email = `nobody-${Date.now()}@example.org`;
    expect((await failure(signUp(database.db, { displayName: "No Body", email, password: "a long enough password", ip: "198.51.100.2" }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await findUserByEmail(database.db, email)).toBeUndefined();
  });
});
