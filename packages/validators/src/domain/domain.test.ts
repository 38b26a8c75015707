import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CommentStanceSchema, FlagCommentSchema, ObjectiveStatusSchema, StanceSchema } from "../index";
import { FLAG_REASON_CHOICES, FLAG_REASON_LABELS, FLAG_REASONS, OBJECTIVE_STATUSES, STANCE_LABELS, STANCE_WORDS, STANCES, STATUS_LABELS } from "./index";

describe("domain values", () => {
  it("zod enums are built from the one list", () => {
    expect(StanceSchema.options).toEqual([...STANCES]);
    expect(CommentStanceSchema.options).toEqual([...STANCES]);
    expect(ObjectiveStatusSchema.options).toEqual([...OBJECTIVE_STATUSES]);
    expect(FlagCommentSchema.safeParse({ commentId: 1, reason: "off_topic" }).success).toBe(true);
    expect(FlagCommentSchema.safeParse({ commentId: 1, reason: "rude" }).success).toBe(false);
  });

  it("every value has its words, and the stance never borrows the vote's word", () => {
    for (const stance of STANCES) {
      expect(STANCE_LABELS[stance]).toBeTruthy();
      expect(STANCE_LABELS[stance].toLowerCase()).not.toContain("support");
      expect(STANCE_WORDS[stance]).toBe(STANCE_LABELS[stance].toLowerCase());
    }
    expect(STANCE_LABELS.support).toBe("In favour");
    for (const status of OBJECTIVE_STATUSES) expect(STATUS_LABELS[status]).toBeTruthy();
    for (const reason of FLAG_REASONS) {
      expect(FLAG_REASON_LABELS[reason]).toBeTruthy();
      expect(FLAG_REASON_CHOICES[reason]).toBeTruthy();
    }
  });

  it("a bad stance is refused with the words members read", () => {
    const result = StanceSchema.safeParse("agree");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Choose in favour, neutral or concerned");
  });
});

// Guard against new copies: the value lists are written once, here.
const ROOT = join(import.meta.dirname, "../../../..");
const COPIES = [/\[\s*"support",\s*"neutral",\s*"concern"\s*\]/, /\[\s*"not_started",\s*"on_track"/, /\[\s*"spam",\s*"abuse"/, /support:\s*"Support",\s*neutral:/];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name === "build" || name === "migrations" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe("one home", () => {
  it("no app or package writes its own stance, status or flag list", () => {
    const domain = join(ROOT, "packages/validators/src/domain");
    const offenders = [join(ROOT, "apps"), join(ROOT, "packages")]
      .flatMap((dir) => sources(dir))
      .filter((file) => !file.startsWith(domain))
      .filter((file) => COPIES.some((pattern) => pattern.test(readFileSync(file, "utf8"))))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
