import { readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as schemas from "./index";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./text";

// Finding 11: a NUL byte reached PostgreSQL and came back as a 500. One rule refuses NUL and lone
// surrogates in every string field, as a field error.

const here = dirname(fileURLToPath(import.meta.url));

describe("the one string rule", () => {
  it.each([
    ["a\u0000b", false],
    ["\u0000", false],
    ["lone high \uD83D end", false],
    ["lone low \uDE00 start", false],
    ["reversed \uDE00\uD83D pair", false],
    ["an emoji 😀 is fine", true],
    ["accents, CJK 計画 and RTL مرحبا are fine", true],
    ["", true],
  ])("%j storable: %s", (value, storable) => {
    expect(isStorableText(value)).toBe(storable);
  });

  it("is where every string field of the shared schemas starts (no bare z.string())", () => {
    const offenders = readdirSync(here)
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "text.ts")
      .filter((file) => /z\s*\.\s*string\s*\(/.test(readFileSync(`${here}/${file}`, "utf8")));
    expect(offenders).toEqual([]);
  });

  // Every exported object schema: each field that accepts some text refuses the same text with a NUL
  // or a lone surrogate in it, with the field's message (never a thrown error).
  const objects = Object.entries(schemas as Record<string, unknown>)
    .filter(
      ([, value]) => typeof value === "object" && value !== null && "shape" in value && typeof (value as { safeParse?: unknown }).safeParse === "function",
    )
    .map(([name, value]) => [name, value as z.ZodObject] as const);
  it("finds the object schemas", () => expect(objects.length).toBeGreaterThan(20));

  it.each(objects)("%s refuses NUL and lone surrogates in its text fields", (_name, schema) => {
    const candidates = ["ab", "Valid text here", "name@example.org", "2026-12-01", "a-slug", "abcdefghijklmnopqrstuvwx", "1"];
    for (const [field, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const accepted = candidates.find((value) => fieldSchema.safeParse(value).success && fieldSchema.parse(value) === value);
      if (accepted === undefined) continue; // not a text field (ids, enums, numbers)
      for (const poisoned of [`${accepted}\u0000`, `\uD83D${accepted}`, `${accepted}\uDE00`]) {
        const result = fieldSchema.safeParse(poisoned);
        // Refused, or (a field with a fallback) replaced by something storable.
        if (result.success) expect(typeof result.data !== "string" || isStorableText(result.data), `${field} kept ${JSON.stringify(poisoned)}`).toBe(true);
      }
    }
  });

  it("gives the field message on a real form", () => {
    const result = schemas.SignUpSchema.safeParse({ displayName: "Ada\u0000", email: "ada@example.org", password: "a long enough password" });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ["displayName"], message: UNSTORABLE_TEXT_MESSAGE })]);
  });
});
