import { describe, expect, it } from "vitest";
import { RedirectToSchema, SignUpSchema } from "./auth";

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
