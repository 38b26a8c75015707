import { describe, expect, it, vi } from "vitest";
import { DEFAULT_CLAIM_MAPPING, mapOidcClaims, parseRoleMap, parseSegmentClaims, type OidcClaimMapping } from "./oidc-claims";

const mapping: OidcClaimMapping = {
  ...DEFAULT_CLAIM_MAPPING,
  memberIdClaim: "member_no",
  roleMap: { "plan-moderators": "moderator", "plan-staff": "staff", "plan-board": "leader" },
  segmentClaims: { member_type: "ala_type", divisions: "ala_divisions" },
};

describe("claim mapping", () => {
  it("reads well-formed claims", () => {
    const warn = vi.fn();
    const mapped = mapOidcClaims(
      {
        sub: "abc",
        email: "Ann@Example.org",
        email_verified: true,
        name: "Ann",
        member_no: 1234,
        groups: ["plan-staff", "other"],
        ala_type: "Student member",
        ala_divisions: ["PLA (public libraries)"],
      },
      mapping,
      warn,
    );
    expect(mapped).toEqual({
      subject: "abc",
      email: "ann@example.org",
      emailVerified: true,
      displayName: "Ann",
      memberId: "1234",
      role: "staff",
      segments: { member_type: "Student member", divisions: ["PLA (public libraries)"] },
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it("ignores claims of unexpected shapes with a warning, and never throws", () => {
    const warn = vi.fn();
    const hostile: Record<string, unknown> = {
      sub: "abc",
      email: ["a@example.org"],
      email_verified: "true",
      name: { first: "Ann" },
      member_no: { id: 1 },
      groups: [{ name: "plan-staff" }],
      ala_type: 42.5,
      ala_divisions: Array.from({ length: 10_000 }, () => "x"),
    };
    const mapped = mapOidcClaims(hostile, mapping, warn);
    expect(mapped).toEqual({ subject: "abc", email: null, emailVerified: false, displayName: null, memberId: null, role: null, segments: {} });
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      expect.stringContaining('claim "email" ignored'),
      expect.stringContaining('claim "email_verified" ignored'),
      expect.stringContaining('claim "name" ignored'),
      expect.stringContaining('claim "member_no" ignored'),
      expect.stringContaining('claim "groups" ignored'),
      expect.stringContaining('claim "ala_type" ignored'),
      expect.stringContaining('claim "ala_divisions" ignored'),
    ]);
    // No claim value (personal data) is ever written to the log.
    expect(warn.mock.calls.join(" ")).not.toContain("a@example.org");
  });

  it("refuses control characters, overlong text and non-addresses", () => {
    const warn = vi.fn();
    const mapped = mapOidcClaims({ sub: "s", email: "not an address", name: "Ann\u0000Evil", member_no: "x".repeat(500) }, mapping, warn);
    expect([mapped.email, mapped.displayName, mapped.memberId]).toEqual([null, null, null]);
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it("grants the highest mapped role and nothing for unmapped groups", () => {
    const warn = vi.fn();
    expect(mapOidcClaims({ sub: "s", groups: ["plan-moderators", "plan-board", "plan-staff"] }, mapping, warn).role).toBe("leader");
    expect(mapOidcClaims({ sub: "s", groups: ["admins", "root", "plan-admin"] }, mapping, warn).role).toBeNull();
    expect(mapOidcClaims({ sub: "s", groups: "plan-moderators" }, mapping, warn).role).toBe("moderator");
    // Without a role map the groups claim is not even read.
    expect(mapOidcClaims({ sub: "s", groups: ["plan-staff"] }, DEFAULT_CLAIM_MAPPING, warn).role).toBeNull();
  });

  it("parses the role map and segment claims, failing on unknown roles", () => {
    expect(parseRoleMap("ala-staff=staff, ala board=leader")).toEqual({ "ala-staff": "staff", "ala board": "leader" });
    expect(parseRoleMap("")).toBeNull();
    expect(() => parseRoleMap("ala-root=superuser")).toThrow(/OIDC_ROLE_MAP: "superuser" is not a role/);
    expect(() => parseRoleMap("justagroup")).toThrow(/OIDC_ROLE_MAP/);
    expect(parseSegmentClaims("member_type=ala_type,state=addr_state")).toEqual({ member_type: "ala_type", state: "addr_state" });
  });
});
