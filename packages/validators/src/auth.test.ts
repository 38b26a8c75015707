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
    expect(result.error!.issues[0]!.message).toMatch(/invisible or (control|broken) character/);
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
    // Finding 5 and what an attacker tries next: browsers drop tabs and newlines, read \ as /,
    // decode %XX, and normalise dot segments.
    ["/\t/evil.example", "/"],
    ["/%09/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/%0d%0aSet-Cookie:%20x=1", "/"],
    ["/\nSet-Cookie: x=1", "/"],
    ["/%2F/evil.example", "/"],
    ["/%2f%2fevil.example", "/"],
    ["/%252F%252Fevil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["/..//evil.example", "/"],
    ["/%2e%2e//evil.example", "/"],
    ["/./\\evil.example", "/"],
    ["/\u0000", "/"],
    ["/\u202e/elpmaxe.live", "/"],
    ["/\u2028/evil.example", "/"],
    ["/%E0%A4%A", "/%E0%A4%A"],
    ["/search?q=50%25off", "/search?q=50%25off"],
    ["javascript:alert(1)", "/"],
    [" /evil", "/"],
    ["", "/"],
    [`/${"a".repeat(600)}`, "/"],
    ["/objectives/advocacy-3?sort=newest#comments", "/objectives/advocacy-3?sort=newest#comments"],
    ["/search?q=caf%C3%A9", "/search?q=caf%C3%A9"],
    ["/objectives/café", "/objectives/caf%C3%A9"],
  ])("%j becomes %s", (input, expected) => {
    expect(RedirectToSchema.parse(input)).toBe(expected);
  });

  it("never answers anything that leaves the site, whatever it is given", () => {
    const alphabet = ["/", "\\", "%", "2", "f", "F", "5", "c", "0", "9", "d", "a", ".", "\t", "\n", "\r", "e", ":", "@", "?", "#", " "];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let round = 0; round < 5_000; round += 1) {
      const input = Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join("");
      const path = RedirectToSchema.parse(input);
      expect(new URL(path, "https://portal.example").origin, JSON.stringify(input)).toBe("https://portal.example");
      // eslint-disable-next-line no-control-regex -- control characters are what must not come back
      expect(path, JSON.stringify(input)).not.toMatch(/^\/\/|[\u0000-\u001f\\]/);
    }
  });
});
