import { readFileSync } from "node:fs";
import { PLAN_SEED_PATH, SEED_SETS } from "@planpulse/db";
import { describe, expect, it } from "vitest";
import { parsePlanText, PlanTextError, slugify } from "./parse-plan-text";

const seedText = readFileSync(PLAN_SEED_PATH, "utf8");

function issuesOf(text: string) {
  try {
    parsePlanText(text);
  } catch (error) {
    if (error instanceof PlanTextError) return error.issues;
    throw error;
  }
  throw new Error("expected the text to be rejected");
}

const minimal = [
  "Title of the plan",
  "Mission",
  "Do good work.",
  "Vision",
  "A better world.",
  "Values",
  "Domains and Goal Statements",
  "- Alpha: Goal of alpha.",
  "Strategic Objectives per Domain",
  "Alpha",
  "- First objective",
].join("\n");

describe("parsePlanText on the ALA plan", () => {
  const plan = parsePlanText(seedText);

  it("reads mission, vision and the empty values section", () => {
    expect(plan.title).toBe("ALA Strategic Plan");
    expect(plan.mission).toBe("Empowering and advocating for libraries and library workers to ensure equitable access to information for all.");
    expect(plan.vision).toBe("Libraries thrive so everyone can succeed.");
    expect(plan.values).toEqual([]);
    expect(plan.intro).toMatch(/^ALA’s new Strategic Plan is a bold/);
    expect(plan.intro).not.toMatch(/View the Strategic Plan Dashboard/);
  });

  it("finds 5 domains, 22 objectives and 5 urgent priorities", () => {
    expect(plan.domains.map((d) => d.slug)).toEqual([
      "advocacy",
      "member-experience",
      "organizational-redesign",
      "financial-stability",
      "professional-development",
    ]);
    expect(plan.domains.map((d) => d.objectives.length)).toEqual([5, 4, 4, 5, 4]);
    const urgent = plan.domains.flatMap((d) => d.objectives.filter((o) => o.isUrgent).map((o) => o.text));
    expect(urgent).toHaveLength(5);
    expect(urgent[0]).toBe("Build an infrastructure to rapidly respond to opportunities and crises.");
  });

  it("joins Financial Sustainability to Financial Stability as an alias", () => {
    const finance = plan.domains.find((d) => d.slug === "financial-stability")!;
    expect(finance.name).toBe("Financial Stability");
    expect(finance.aliases).toEqual(["Financial Sustainability"]);
    expect(finance.objectives[0]!.text).toMatch(/^End operating deficit spending/);
  });

  it("keeps text exactly as written, curly quotes and all", () => {
    const redesign = plan.domains.find((d) => d.slug === "organizational-redesign")!;
    expect(redesign.objectives[2]!.text).toBe("Advance the “Our ALA” model.");
  });
});

describe("parsePlanText on malformed text", () => {
  it("accepts the minimal valid plan", () => {
    expect(parsePlanText(minimal).domains[0]!.objectives).toHaveLength(1);
  });

  it("rejects empty text", () => {
    expect(issuesOf("  \n \n")).toEqual([{ line: 1, message: "The text is empty" }]);
  });

  it("reports a domain line without a colon with its line number", () => {
    const issues = issuesOf(minimal.replace("- Alpha: Goal of alpha.", "- Alpha without goal"));
    expect(issues[0]).toEqual({ line: 8, message: 'Expected a domain as "- Name: goal statement", found "- Alpha without goal"' });
  });

  it("reports an objective before any domain heading", () => {
    const issues = issuesOf(minimal.replace("Alpha\n- First objective", "- Orphan objective\nAlpha\n- First objective"));
    expect(issues).toContainEqual({ line: 10, message: "An objective comes before any domain name: put the domain's name on the line above" });
  });

  it("reports an objectives heading that matches no domain", () => {
    const issues = issuesOf(minimal.replace("\nAlpha\n", "\nGamma\n"));
    expect(issues.map((i) => i.line)).toContain(10);
    expect(issues.find((i) => i.line === 10)!.message).toMatch(/"Gamma" is not a domain/);
  });

  it("reports missing sections and empty mission together", () => {
    const issues = issuesOf("Title\nMission\nVision\nA world.\n");
    const messages = issues.map((i) => i.message);
    expect(messages).toContain("The mission is empty");
    expect(messages).toContain('The "Domains and Goal Statements" heading is missing');
    expect(messages).toContain('The "Strategic Objectives per Domain" heading is missing');
  });

  it("reports a domain with no objectives at the domain's line", () => {
    const issues = issuesOf(minimal.replace("- Alpha: Goal of alpha.", "- Alpha: Goal of alpha.\n- Beta: Goal of beta."));
    expect(issues).toEqual([{ line: 9, message: 'The domain "Beta" has no objectives' }]);
  });

  it("reports an empty objective", () => {
    expect(issuesOf(`${minimal}\n- (urgent priority)`)).toEqual([{ line: 12, message: "The objective has no text" }]);
  });
});

describe("slugify", () => {
  it.each([
    ["Financial Stability", "financial-stability"],
    ["  Member   Experience ", "member-experience"],
    ["Café & Libraries!", "cafe-libraries"],
  ])("%s → %s", (input, expected) => expect(slugify(input)).toBe(expected));
});

describe("parsePlanText on the second seed plan (a fictional association)", () => {
  it("reads 3 domains, 11 objectives, its values and no urgent flags", () => {
    const plan = parsePlanText(readFileSync(SEED_SETS.wardens.plan, "utf8"));
    expect(plan.title).toBe("Harbour Wardens Strategic Plan");
    expect(plan.values).toEqual(["Safety first", "Open to everyone", "Care for the shoreline"]);
    expect(plan.domains.map((d) => [d.slug, d.objectives.length])).toEqual([
      ["safe-waters", 4],
      ["shoreline-care", 4],
      ["strong-society", 3],
    ]);
    expect(plan.domains.flatMap((d) => d.objectives).some((o) => o.isUrgent)).toBe(false);
  });
});
