import { hashPassword, insertUser } from "@planpulse/auth";
import { signIn, THROTTLE_RULES, WEAK_PASSWORD_MESSAGE, COMMON_PASSWORD_MESSAGE } from "@planpulse/core";
import type { User } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleTrpcRequest } from "../server";
import { callerAs, failure, makeUser } from "../testing";

let counter = 0;
async function account(database: TestDatabase, password: string): Promise<User> {
  counter += 1;
  return (await insertUser(database.db, {
    email: `limits-${counter}-${Date.now()}@example.org`,
    display_name: `Limits ${counter}`,
    password_hash: await hashPassword(password),
    role: "member",
  }))!;
}
async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    if (error instanceof Error && "code" in error) return String((error as { code: unknown }).code);
    throw error;
  }
}
const tally = (codes: string[]) => codes.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});

describe.each(testDrivers())("sign-in limits (growing delays, reserved before the password check) on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it("40 parallel wrong passwords: only the free attempts reach the password check, the rest wait", async () => {
    const target = await account(database, "the right passphrase");
    const codes = await Promise.all(
      Array.from({ length: 40 }, async (_, i) =>
        code((await callerAs(database, null, { ip: "198.51.100.40" })).auth.signIn({ email: target.email, password: `guess number ${i}` })),
      ),
    );
    const counts = tally(codes);
    // The free attempts are checked (and fail); every other one is refused before any hashing.
    expect(counts.UNAUTHORIZED).toBe(THROTTLE_RULES.signInAccount.free);
    expect(counts.TOO_MANY_REQUESTS).toBe(40 - THROTTLE_RULES.signInAccount.free);
  });

  it("the wait grows (1 s, 2 s, 4 s …), is never a lockout, and never tells anyone to reset a password", async () => {
    const target = await account(database, "the right passphrase");
    const t0 = Date.now();
    const at = (ms: number) => new Date(t0 + ms);
    const attempt = (ms: number, password = "wrong guess") =>
      signIn(database.db, { email: target.email, password, ip: "198.51.100.41" }, at(ms)).then(
        () => "OK",
        (error: { code: string; userMessage: string }) => {
          expect(error.userMessage).not.toMatch(/reset/i);
          return error.code;
        },
      );
    for (let i = 0; i < 5; i += 1) expect(await attempt(i)).toBe("UNAUTHORIZED");
    expect(await attempt(500)).toBe("TOO_MANY_REQUESTS"); // within 1 s of the fifth failure
    expect(await attempt(1_100)).toBe("UNAUTHORIZED"); // the sixth failure: the next waits 2 s
    expect(await attempt(2_500)).toBe("TOO_MANY_REQUESTS");
    expect(await attempt(3_200)).toBe("UNAUTHORIZED"); // the seventh: 4 s
    expect(await attempt(6_000)).toBe("TOO_MANY_REQUESTS");
    expect(await attempt(7_300, "the right passphrase")).toBe("OK"); // a wait, never a lockout
    expect(await attempt(7_400)).toBe("UNAUTHORIZED"); // success forgets the count
  });

  it("a stranger's failures cannot keep a member out of the addresses the member uses", async () => {
    const member = await account(database, "members own passphrase");
    await (await callerAs(database, null, { ip: "192.0.2.50" })).auth.signIn({ email: member.email, password: "members own passphrase" });
    for (let i = 0; i < 30; i += 1) {
      await code((await callerAs(database, null, { ip: `203.0.113.${100 + (i % 20)}` })).auth.signIn({ email: member.email, password: `stranger ${i}` }));
    }
    // The stranger now waits…
    expect(await code((await callerAs(database, null, { ip: "203.0.113.99" })).auth.signIn({ email: member.email, password: "stranger again" }))).toBe(
      "TOO_MANY_REQUESTS",
    );
    // …the member, at home, does not.
    const result = await (await callerAs(database, null, { ip: "192.0.2.50" })).auth.signIn({ email: member.email, password: "members own passphrase" });
    expect(result.id).toBe(member.id);
  });

  it("30 failures from one proxy address do not block the members who sign in through it", async () => {
    const proxy = "10.0.0.1";
    const regulars = [await account(database, "regular one passphrase"), await account(database, "regular two passphrase")];
    for (const r of regulars)
      await (
        await callerAs(database, null, { ip: proxy })
      ).auth.signIn({ email: r.email, password: `regular ${r === regulars[0] ? "one" : "two"} passphrase` });
    for (let i = 0; i < 40; i += 1) {
      await code((await callerAs(database, null, { ip: proxy })).auth.signIn({ email: `nobody-${i}@example.org`, password: "spray" }));
    }
    expect(await code((await callerAs(database, null, { ip: proxy })).auth.signIn({ email: "nobody-new@example.org", password: "spray" }))).toBe(
      "TOO_MANY_REQUESTS",
    );
    for (const [i, r] of regulars.entries()) {
      const ok = await (
        await callerAs(database, null, { ip: proxy })
      ).auth.signIn({ email: r.email, password: `regular ${i === 0 ? "one" : "two"} passphrase` });
      expect(ok.id).toBe(r.id);
    }
  });

  it("keeps no email or IP address in the throttle table", async () => {
    const rows = await database.db.selectFrom("attempt_throttles").select("key").execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).toMatch(/^[a-z-]+:[0-9a-f]{64}$/);
  });
});

describe.each(testDrivers())("batching on /api/trpc on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  function post(path: string, inputs: unknown[], batch = true): Promise<Response> {
    const body = batch ? JSON.stringify(Object.fromEntries(inputs.map((input, i) => [String(i), input]))) : JSON.stringify(inputs[0]);
    const url = `http://localhost:3000/api/trpc/${path}${batch ? "?batch=1" : ""}`;
    const request = new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    return handleTrpcRequest({}, { database, clientIp: "198.51.100.9", secureCookies: false, setCookie: () => {} }, request);
  }

  it("refuses auth.*, sign-up and invitation acceptance in a batch, and checks no password", async () => {
    const target = await account(database, "batch target passphrase");
    const guesses = Array.from({ length: 5 }, (_, i) => ({ email: target.email, password: `guess ${i}` }));
    for (const path of [
      Array(5).fill("auth.signIn").join(","),
      "auth.signIn",
      "me.get,auth.signIn",
      "auth.signUp",
      "people.acceptInvitationNew",
      "people.acceptInvitationExisting",
    ]) {
      const response = await post(path, path.includes(",") ? guesses : [guesses[0]]);
      expect(response.status, path).toBe(400);
    }
    expect(await database.db.selectFrom("attempt_throttles").select("key").execute()).toEqual([]);
    // One call per request is fine.
    expect((await post("auth.signIn", [{ email: target.email, password: "batch target passphrase" }], false)).status).toBe(200);
  });

  it("caps other batches at 10 calls", async () => {
    const get = (n: number) =>
      handleTrpcRequest(
        {},
        { database, clientIp: "198.51.100.9", secureCookies: false, setCookie: () => {} },
        new Request(`http://localhost:3000/api/trpc/${Array(n).fill("me.get").join(",")}?batch=1&input=${encodeURIComponent("{}")}`),
      );
    expect((await get(10)).status).toBe(200);
    expect((await get(11)).status).toBe(400);
    expect((await get(500)).status).toBe(400);
  });
});

describe.each(testDrivers())("sign-up limits, password strength and names on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it("limits sign-ups per address, taken emails included (no unlimited probing of who has an account)", async () => {
    const ip = "198.51.100.77";
    const free = THROTTLE_RULES.signUpAddress.free;
    const codes: string[] = [];
    for (let i = 0; i < free + 3; i += 1) {
      // Every other attempt probes an email that already exists.
      const email = i % 2 === 0 ? `bulk-${i}-${Date.now()}@example.org` : `bulk-0-taken@example.org`;
      codes.push(await code((await callerAs(database, null, { ip })).auth.signUp({ displayName: `Bulk ${i}`, email, password: "a sturdy passphrase here" })));
    }
    expect(codes.slice(free)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
    expect(codes.slice(0, free)).not.toContain("TOO_MANY_REQUESTS");
    // Another address is not affected.
    expect(
      await code(
        (await callerAs(database, null, { ip: "198.51.100.78" })).auth.signUp({
          displayName: "Other",
          email: `other-${Date.now()}@example.org`,
          password: "a sturdy passphrase here",
        }),
      ),
    ).toBe("OK");
  });

  it("refuses weak and common passwords on sign-up, invitation acceptance and password change, with a field message", async () => {
    const visitor = async () => callerAs(database, null, { ip: `192.0.2.${++counter % 250}` });
    for (const weak of ["1111111111", "password123", "qwertyuiop12", "iloveyou!!"]) {
      const error = await failure((await visitor()).auth.signUp({ displayName: "Weak Will", email: `weak-${counter}@example.org`, password: weak }));
      expect(error.code, weak).toBe("BAD_REQUEST");
      const message = (error.cause as { fieldErrors?: Record<string, string[]> }).fieldErrors?.password?.[0];
      expect([WEAK_PASSWORD_MESSAGE, COMMON_PASSWORD_MESSAGE]).toContain(message);
    }
    // A password made of the person's own email and name is weak too.
    const own = await failure(
      (await visitor()).auth.signUp({ displayName: "Marguerite Yourcenar", email: "marguerite@example.org", password: "Yourcenarmarguerite" }),
    );
    expect(own.code).toBe("BAD_REQUEST");
    expect(await database.db.selectFrom("users").select("id").where("display_name", "in", ["Weak Will", "Marguerite Yourcenar"]).execute()).toEqual([]);

    const admin = await makeUser(database, { role: "admin" });
    const invite = await (await callerAs(database, admin)).people.invite({ email: `weakstaff-${Date.now()}@example.org`, role: "staff" });
    const token = invite.link.split("/invite/")[1]!;
    const accept = await failure((await visitor()).people.acceptInvitationNew({ token, displayName: "Weak Staff", password: "1111111111" }));
    expect(accept.code).toBe("BAD_REQUEST");

    const member = await account(database, "an old but sturdy passphrase");
    const change = await failure(
      (await callerAs(database, member)).auth.changePassword({ currentPassword: "an old but sturdy passphrase", newPassword: "1234567890" }),
    );
    expect((change.cause as { fieldErrors?: Record<string, string[]> }).fieldErrors?.newPassword?.[0]).toBeDefined();
  });

  it("refuses names holding control, format or bidi-override characters, on every path that sets a name", async () => {
    const admin = await makeUser(database, { role: "admin" });
    for (const name of ["Eve\u202Egnp.exe", "Mallory\u2066x\u2069", "Null\u0000Byte", "Zero\u200Bwidth", "Line\u2028break", "Bell\u0007"]) {
      const error = await failure(
        (await callerAs(database, null, { ip: `192.0.2.${++counter % 250}` })).auth.signUp({
          displayName: name,
          email: `name-${counter}@example.org`,
          password: "a sturdy passphrase here",
        }),
      );
      expect(error.code, JSON.stringify(name)).toBe("BAD_REQUEST");
      const invite = await (await callerAs(database, admin)).people.invite({ email: `name-staff-${counter}@example.org`, role: "staff" });
      const viaInvite = await failure(
        (await callerAs(database, null, { ip: `192.0.2.${++counter % 250}` })).people.acceptInvitationNew({
          token: invite.link.split("/invite/")[1]!,
          displayName: name,
          password: "a sturdy passphrase here",
        }),
      );
      expect(viaInvite.code, JSON.stringify(name)).toBe("BAD_REQUEST");
    }
    // Scripts that need zero-width joiners keep them.
    expect(
      await code(
        (await callerAs(database, null, { ip: "192.0.2.251" })).auth.signUp({
          displayName: "می\u200Cخواهم",
          email: `zwnj-${Date.now()}@example.org`,
          password: "a sturdy passphrase here",
        }),
      ),
    ).toBe("OK");
  });
});
