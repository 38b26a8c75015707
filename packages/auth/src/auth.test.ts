import { describe, expect, it } from "vitest";
import { readSessionToken, serializeBlankSessionCookie, serializeSessionCookie, SESSION_COOKIE_NAME } from "./cookies";
import { isCrossSiteMutation } from "./origin";
import { hashPassword, verifyPassword } from "./password";
import { can } from "./roles";

describe("passwords", () => {
  it("hashes with argon2id at OWASP's parameters and verifies", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "Correct horse battery staple")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });
});

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, and Secure only when asked", () => {
    const expires = new Date("2026-12-28T00:00:00Z");
    const plain = serializeSessionCookie("abc", expires, { secure: false });
    expect(plain).toBe(`${SESSION_COOKIE_NAME}=abc; Path=/; HttpOnly; SameSite=Lax; Expires=Mon, 28 Dec 2026 00:00:00 GMT`);
    expect(serializeSessionCookie("abc", expires, { secure: true })).toMatch(/; Secure$/);
    expect(serializeBlankSessionCookie({ secure: false })).toMatch(/Max-Age=0/);
  });

  it("reads the token among other cookies", () => {
    expect(readSessionToken(`a=1; ${SESSION_COOKIE_NAME}=tok123; b=2`)).toBe("tok123");
    expect(readSessionToken("a=1")).toBeNull();
    expect(readSessionToken(`${SESSION_COOKIE_NAME}=`)).toBeNull();
    expect(readSessionToken(null)).toBeNull();
  });

  it("uses the __Host- name where cookies are Secure, and reads only that name there (finding 13)", () => {
    const expires = new Date("2026-12-28T00:00:00Z");
    const secure = serializeSessionCookie("abc", expires, { secure: true });
    expect(secure).toMatch(/^__Host-planpulse_session=abc; Path=\/; /);
    expect(secure).toMatch(/; Secure$/);
    expect(secure).not.toMatch(/Domain=/i);
    expect(serializeBlankSessionCookie({ secure: true })).toMatch(/^__Host-planpulse_session=; Path=\/; .*Max-Age=0; Secure$/);
    // A cookie planted without the prefix (by a sibling subdomain or over plain http) is not a session.
    expect(readSessionToken(`${SESSION_COOKIE_NAME}=planted`, { secure: true })).toBeNull();
    expect(readSessionToken(`${SESSION_COOKIE_NAME}=planted; __Host-planpulse_session=real`, { secure: true })).toBe("real");
    expect(readSessionToken("__Host-planpulse_session=real", { secure: false })).toBeNull();
  });
});

describe("isCrossSiteMutation", () => {
  const site = "http://localhost:3000";
  const req = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers(headers) });

  it.each([
    ["POST from the same origin", req("POST", { origin: site }), false],
    ["POST from another origin", req("POST", { origin: "http://evil.example" }), true],
    ["POST from another port", req("POST", { origin: "http://localhost:3001" }), true],
    ["POST with Origin null", req("POST", { origin: "null" }), true],
    ["POST, no Origin, cross-site fetch", req("POST", { "sec-fetch-site": "cross-site" }), true],
    ["POST, no Origin, same-origin fetch", req("POST", { "sec-fetch-site": "same-origin" }), false],
    ["GET from another origin", req("GET", { origin: "http://evil.example" }), false],
  ])("%s", (_name, request, expected) => {
    expect(isCrossSiteMutation(request, site)).toBe(expected);
  });
});

describe("roles", () => {
  it("lets admin into everything and members into no workspace", () => {
    expect(can("admin", "moderate")).toBe(true);
    expect(can("staff", "moderate")).toBe(false);
    expect(can("member", "workspace")).toBe(false);
    expect(can("leader", "workspace")).toBe(true);
    expect(can("moderator", "administer")).toBe(false);
  });
});
