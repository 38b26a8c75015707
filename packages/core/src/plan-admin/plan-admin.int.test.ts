import { readFileSync } from "node:fs";
import { PLAN_SEED_PATH, type User } from "@planpulse/db";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { PlanStatementSchema } from "@planpulse/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "../errors";
import { getPlan } from "../plan/get-plan";
import { importPlan } from "../plan/import-plan";
import { addObjective, moveObjective, retireObjective, updateDomainGoal, updateObjectiveText, updatePlanStatement } from "./edit-plan";
import { getPlanForEditing } from "./get-plan-for-editing";
import { applyPlanImport, previewPlanImport } from "./plan-import-preview";

const seedText = readFileSync(PLAN_SEED_PATH, "utf8");

describe.each(testDrivers())("plan editing on %s", (driver) => {
  let database: TestDatabase;
  let admin: User;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, seedText);
    admin = (await insertUser(database.db, { email: `plan-admin-${Date.now()}@example.org`, display_name: "Ada", password_hash: null, role: "admin" }))!;
  });
  afterAll(() => database.dispose());

  const versions = () => database.db.selectFrom("plan_versions").selectAll().orderBy("version").execute();

  it("records version 1 when the plan is first imported", async () => {
    const rows = await versions();
    expect(rows.map((v) => v.version)).toEqual([1]);
    expect((rows[0]!.snapshot as { domains: unknown[] }).domains).toHaveLength(5);
  });

  it("edits the vision as a new version with an audit entry; an unchanged save is no version", async () => {
    const plan = await getPlan(database.db);
    const input = PlanStatementSchema.parse({ mission: plan.mission, vision: "Every library, everywhere, thriving.", values: plan.values.join("\n") });
    const result = await updatePlanStatement(database.db, admin, input);
    expect(result).toEqual({ changed: true, version: 2 });
    expect((await getPlan(database.db)).vision).toBe("Every library, everywhere, thriving.");
    const audit = await database.db.selectFrom("audit_log").selectAll().where("action", "=", "plan.edit_statement").executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ vision: plan.vision });
    expect(audit.after).toEqual({ vision: "Every library, everywhere, thriving." });
    expect((await updatePlanStatement(database.db, admin, input)).changed).toBe(false);
    const rows = await versions();
    expect(rows.map((v) => v.version)).toEqual([1, 2]);
    expect(rows[1]!.summary).toBe("Edited the vision");
    expect(rows[1]!.actor_id).toBe(admin.id);
  });

  it("edits goals and objective texts, adds, reorders and retires objectives", async () => {
    const editable = await getPlanForEditing(database.db);
    const advocacy = editable.domains.find((d) => d.slug === "advocacy")!;
    await updateDomainGoal(database.db, admin, { domainId: advocacy.id, goalStatement: "A new goal." });
    const [first, second] = advocacy.objectives;
    await updateObjectiveText(database.db, admin, { objectiveId: first!.id, text: "Reworded objective.", isUrgent: true });
    const added = await addObjective(database.db, admin, { domainId: advocacy.id, text: "A brand new objective.", isUrgent: false });
    expect(added.slug).toBe(`advocacy-${advocacy.objectives.length + 1}`);
    await moveObjective(database.db, admin, { objectiveId: second!.id, direction: "up" });
    expect((await moveObjective(database.db, admin, { objectiveId: second!.id, direction: "up" })).changed).toBe(false);
    await retireObjective(database.db, admin, { objectiveId: first!.id, reason: "Merged into another" });

    const plan = await getPlan(database.db);
    const domain = plan.domains.find((d) => d.slug === "advocacy")!;
    expect(domain.goalStatement).toBe("A new goal.");
    expect(domain.objectives[0]!.id).toBe(second!.id);
    expect(domain.objectives.some((o) => o.id === first!.id)).toBe(false);
    expect(domain.objectives.at(-1)!.text).toBe("A brand new objective.");
    const retired = await database.db.selectFrom("objectives").selectAll().where("id", "=", first!.id).executeTakeFirstOrThrow();
    expect(retired.retired_at).not.toBeNull();
    expect(retired.text).toBe("Reworded objective.");
    expect((await versions()).at(-1)!.version).toBe((await getPlan(database.db)).version);
  });

  it("refuses unknown ids with NOT_FOUND and writes no version", async () => {
    const before = (await versions()).length;
    const error = await updateDomainGoal(database.db, admin, { domainId: 999_999, goalStatement: "x" }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("NOT_FOUND");
    expect((await versions()).length).toBe(before);
  });

  it("previews an import: changed vision, unchanged others; errors are line-numbered and nothing applies", async () => {
    const preview = await previewPlanImport(database.db, seedText);
    if (!preview.ok) throw new Error("expected a preview");
    expect(preview.plan.find((p) => p.field === "vision")!.kind).toBe("changed");
    expect(preview.plan.find((p) => p.field === "mission")!.kind).toBe("unchanged");
    expect(preview.domains.find((d) => d.slug === "advocacy")!.kind).toBe("changed");
    expect(preview.domains.find((d) => d.slug === "member-value")?.kind ?? "unchanged").toBe("unchanged");

    const lines = seedText.split("\n");
    const at = lines.findLastIndex((l) => l.trim() === "Domains and Goal Statements") + 1;
    const broken = [...lines.slice(0, at), "- A domain line without its colon", ...lines.slice(at)].join("\n");
    const bad = await previewPlanImport(database.db, broken);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues).toEqual([{ line: at + 1, message: expect.stringContaining("Expected a domain") }]);
    const before = (await versions()).length;
    const error = await applyPlanImport(database.db, admin, broken).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    expect((error as AppError).fieldErrors!.text![0]).toMatch(/^Line \d+: /);
    expect((await versions()).length).toBe(before);
  });

  it("applies an import as a new version", async () => {
    const summary = await applyPlanImport(database.db, admin, seedText);
    expect(summary.changed).toBe(true);
    const last = (await versions()).at(-1)!;
    expect(last.version).toBe(summary.version);
    expect(last.actor_id).toBe(admin.id);
    expect((await getPlan(database.db)).vision).not.toBe("Every library, everywhere, thriving.");
  });
});
