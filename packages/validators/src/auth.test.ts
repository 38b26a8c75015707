import { describe, expect, it } from "vitest";
import { DisplayNameSchema, RedirectToSchema, SignUpSchema } from "./auth";

describe("SignUpSchema", () => {
  it("accepts a valid sign-up and trims the name and email", () => {
    const parsed = SignUpSchema.parse({ displayName: "  Ann Lee ", email: " ann@example.org ", password: "correct horse battery" });
    expect(parsed).toEqual({ displayName: "Ann Lee", email: "ann@example.org", password: "correct horse battery" });
  });

  it("gives a human message per field", () => {
    const result = SignUpSchema.safeParse({ displayName: "A", email: "not-an-email", password: "short" });
    expect(result.success).toBe(false);
    const fieldErrors = result.error!.flatten().fieldErrors;
    expect(fieldErrors.displayName).toEqual(["Write at least 2 characters"]);
    expect(fieldErrors.email?.[0]).toMatch(/valid email/);
    expect(fieldErrors.password).toEqual(["Use at least 10 characters"]);
  });

  it("rejects over-long fields", () => {
    const result = SignUpSchema.safeParse({ displayName: "x".repeat(81), email: `${"a".repeat(250)}@x.org`, password: "p".repeat(201) });
    expect(result.success).toBe(false);
    expect(Object.keys(result.error!.flatten().fieldErrors).sort()).toEqual(["displayName", "email", "password"]);
  });
});

describe("DisplayNameSchema", () => {
  it.each([
    ["right-to-left override", "Eve\u202Egnp.exe"],
    ["left-to-right isolate", "Mallory\u2066x\u2069"],
    ["right-to-left mark", "Bob\u200F"],
    ["zero-width space", "Zero\u200Bwidth"],
    ["soft hyphen", "Soft\u00ADhyphen"],
    ["NUL", "Null\u0000Byte"],
    ["bell", "Bell\u0007"],
    ["newline inside", "Two\nlines"],
    ["line separator", "Line\u2028break"],
  ])("refuses a name with a %s, with a field message", (_label, name) => {
    const result = DisplayNameSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/invisible or control character/);
  });

  it.each([["Ann Lee"], ["José Ñúñez"], ["李小龍"], ["می\u200Cخواهم"], ["O'Brien-Smith, Jr."], ["👩\u200D💻 Dev"]])("accepts %s", (name) => {
    expect(DisplayNameSchema.safeParse(name).success).toBe(true);
  });
});

describe("RedirectToSchema", () => {
  it.each([
    ["/objectives/advocacy-3", "/objectives/advocacy-3"],
    ["//evil.example", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
  ])("%s becomes %s", (input, expected) => {
    expect(RedirectToSchema.parse(input)).toBe(expected);
  });
});
