import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CommentStanceSchema, FlagCommentSchema, ObjectiveStatusSchema, PriorityPointsSchema, RoleSchema, SavePrioritiesSchema, StanceSchema } from "../index";
import {
  can,
  CAPABILITY_ROLES,
  FLAG_REASON_CHOICES,
  FLAG_REASON_LABELS,
  FLAG_REASONS,
  OBJECTIVE_STATUSES,
  PRIORITY_POINTS_BUDGET,
  PRIORITY_POINTS_PER_OBJECTIVE,
  ROLE_LABELS,
  ROLE_WORDS,
  ROLES,
  STANCE_LABELS,
  STANCE_WORDS,
  STANCES,
  STATUS_LABELS,
  WORKSPACE_SECTIONS,
  type Capability,
} from "./index";

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

  it("roles: one list, words for each, and the capability policy", () => {
    expect(RoleSchema.options).toEqual([...ROLES]);
    for (const role of ROLES) {
      expect(ROLE_LABELS[role]).toBeTruthy();
      expect(ROLE_WORDS[role]).toBe(ROLE_LABELS[role].toLowerCase());
    }
    const capabilities = Object.keys(CAPABILITY_ROLES) as Capability[];
    // An administrator may do everything; a member nothing in the workspace.
    for (const capability of capabilities) {
      expect(can("admin", capability)).toBe(true);
      expect(can("member", capability)).toBe(false);
      // Whoever holds a capability may open the workspace.
      for (const role of CAPABILITY_ROLES[capability]) expect(can(role, "workspace")).toBe(true);
    }
    const sectionsFor = (role: (typeof ROLES)[number]) => WORKSPACE_SECTIONS.filter((s) => can(role, s.capability)).map((s) => s.path);
    expect(sectionsFor("moderator")).toEqual(["/moderation"]);
    expect(sectionsFor("staff")).toEqual(["/responses", "/progress"]);
    expect(sectionsFor("leader")).toEqual(["/dashboard", "/audit"]);
    expect(sectionsFor("admin")).toHaveLength(WORKSPACE_SECTIONS.length);
  });

  it("priority limits: the schemas enforce the constants", () => {
    expect(PriorityPointsSchema.safeParse(PRIORITY_POINTS_PER_OBJECTIVE).success).toBe(true);
    expect(PriorityPointsSchema.safeParse(PRIORITY_POINTS_PER_OBJECTIVE + 1).success).toBe(false);
    const spread = (total: number) =>
      Array.from({ length: Math.ceil(total / PRIORITY_POINTS_PER_OBJECTIVE) }, (_, i) => ({
        objectiveId: i + 1,
        points: Math.min(PRIORITY_POINTS_PER_OBJECTIVE, total - i * PRIORITY_POINTS_PER_OBJECTIVE),
      }));
    expect(SavePrioritiesSchema.safeParse({ allocations: spread(PRIORITY_POINTS_BUDGET) }).success).toBe(true);
    expect(SavePrioritiesSchema.safeParse({ allocations: spread(PRIORITY_POINTS_BUDGET + 1) }).success).toBe(false);
  });

  it("a bad stance is refused with the words members read", () => {
    const result = StanceSchema.safeParse("agree");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Choose in favour, neutral or concerned");
  });
});

// Guard against new copies: the value lists are written once, here.
const ROOT = join(import.meta.dirname, "../../../..");
const COPIES = [
  // stances, statuses, flag reasons
  /\[\s*"support",\s*"neutral",\s*"concern"\s*\]/,
  /\[\s*"not_started",\s*"on_track"/,
  /\[\s*"spam",\s*"abuse"/,
  /support:\s*"Support",\s*neutral:/,
  // roles: the list, a label map, a hand-written role check instead of can()
  /\[\s*\[?\s*"member",\s*(\[\s*)?"?(Member"\s*\]\s*,\s*\[\s*")?moderator"/,
  /leader:\s*"[Ll]eadership"/,
  /role === "(moderator|staff|leader)" \|\| \w+\.role === "admin"/,
  // priority limits, as constants or as words
  /_BUDGET\s*=\s*\d/,
  /_PER_OBJECTIVE\s*=\s*\d/,
  /\b10 points\b|\b0[–-]5\)|max=\{5\}/,
];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name === "build" || name === "migrations" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe("one home", () => {
  it("no app or package writes its own stance, status, flag or role list, role words or priority limits", () => {
    const domain = join(ROOT, "packages/validators/src/domain");
    const offenders = [join(ROOT, "apps"), join(ROOT, "packages")]
      .flatMap((dir) => sources(dir))
      .filter((file) => !file.startsWith(domain))
      .filter((file) => COPIES.some((pattern) => pattern.test(readFileSync(file, "utf8"))))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
