import { readFileSync } from "node:fs";
import { PLAN_SEED_PATH } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getObjective, getPlan } from "./get-plan";
import { importPlan } from "./import-plan";
import { PlanTextError } from "./parse-plan-text";

const seedText = readFileSync(PLAN_SEED_PATH, "utf8");

describe.each(testDrivers())("importPlan on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.dispose());

  it("imports 5 domains and 22 objectives, 5 urgent, with stable slugs", async () => {
    const summary = await importPlan(database.db, seedText);
    expect(summary.created).toEqual({ plan: true, domains: 5, objectives: 22 });
    const plan = await getPlan(database.db);
    const objectives = plan.domains.flatMap((d) => d.objectives);
    expect(objectives).toHaveLength(22);
    expect(objectives.filter((o) => o.isUrgent)).toHaveLength(5);
    expect(objectives.map((o) => o.slug)).toContain("advocacy-3");
    expect(objectives.find((o) => o.slug === "financial-stability-1")!.isUrgent).toBe(true);
    expect((await getObjective(database.db, "advocacy-3")).isUrgent).toBe(true);
  });

  it("changes nothing on a second run", async () => {
    const before = await database.db.selectFrom("objectives").selectAll().orderBy("id").execute();
    const audits = await database.db.selectFrom("audit_log").select("id").execute();
    const summary = await importPlan(database.db, seedText);
    expect(summary.changed).toBe(false);
    expect(summary.version).toBe(1);
    expect(await database.db.selectFrom("objectives").selectAll().orderBy("id").execute()).toEqual(before);
    expect(await database.db.selectFrom("audit_log").select("id").execute()).toEqual(audits);
  });

  it("imports nothing from malformed text", async () => {
    const broken = seedText.replace("- Advocacy: Champion", "- Advocacy Champion");
    const countBefore = await database.db
      .selectFrom("domains")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await expect(importPlan(database.db, broken)).rejects.toBeInstanceOf(PlanTextError);
    const countAfter = await database.db
      .selectFrom("domains")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(countAfter.n)).toBe(Number(countBefore.n));
  });

  it("raises the version and audits a real change", async () => {
    const edited = seedText.replace("Libraries thrive so everyone can succeed.", "Libraries thrive so everyone can succeed, everywhere.");
    const summary = await importPlan(database.db, edited);
    expect(summary).toMatchObject({ changed: true, version: 2, updated: { plan: true, domains: 0, objectives: 0 } });
    const last = await database.db.selectFrom("audit_log").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last.action).toBe("plan.reimport");
  });
});
