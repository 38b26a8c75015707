import type { User } from "@planpulse/db";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { PlanStatementSchema } from "@planpulse/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateDomainGoal, updateObjectiveText, updatePlanStatement } from "../plan-admin/edit-plan";
import { getPlanForEditing } from "../plan-admin/get-plan-for-editing";
import { getPlan } from "../plan/get-plan";
import { getOrganisationSettings } from "../organisation/organisation-settings";
import { seedAll } from "./seed";

// Start-up seeding never changes plan content (issue #11): the admin's edits survive any number of
// restarts, and two processes starting at once.
describe.each(testDrivers())("start-up seeding on %s", (driver) => {
  let database: TestDatabase;
  let admin: User;
  const startUp = () => seedAll(database.db, { demoPassword: "plan-pulse-demo", nodeEnv: "test", plan: "if-none" });

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    admin = (await insertUser(database.db, { email: `seed-admin-${Date.now()}@example.org`, display_name: "Ada", password_hash: null, role: "admin" }))!;
  });
  afterAll(() => database.dispose());

  it("imports the seed plan into the empty database, once", async () => {
    const first = await startUp();
    expect(first.plan?.created.plan).toBe(true);
    expect((await startUp()).plan).toBeNull();
    expect(await database.db.selectFrom("plans").select("id").execute()).toHaveLength(1);
  });

  it("keeps edited mission, values, a domain goal and an objective through restarts, also two at once", async () => {
    const plan = await getPlan(database.db);
    await updatePlanStatement(
      database.db,
      admin,
      PlanStatementSchema.parse({ mission: "Our edited mission.", vision: plan.vision, values: "Access\nEquity\nIntellectual freedom" }),
    );
    const editable = await getPlanForEditing(database.db);
    const domain = editable.domains[1]!;
    const objective = domain.objectives[0]!;
    await updateDomainGoal(database.db, admin, { domainId: domain.id, goalStatement: "An edited goal." });
    await updateObjectiveText(database.db, admin, { objectiveId: objective.id, text: "An edited objective.", isUrgent: !objective.isUrgent });
    const versionBefore = (await getPlan(database.db)).version;
    const auditBefore = await database.db.selectFrom("audit_log").select("id").where("action", "like", "plan.%").execute();

    await startUp();
    await startUp();
    await Promise.all([startUp(), startUp()]);

    const after = await getPlan(database.db);
    expect(after.mission).toBe("Our edited mission.");
    expect(after.values).toEqual(["Access", "Equity", "Intellectual freedom"]);
    expect(after.version).toBe(versionBefore);
    const again = await getPlanForEditing(database.db);
    expect(again.domains[1]!.goalStatement).toBe("An edited goal.");
    expect(again.domains[1]!.objectives[0]).toMatchObject({ text: "An edited objective.", isUrgent: !objective.isUrgent });
    expect(await database.db.selectFrom("audit_log").select("id").where("action", "like", "plan.%").execute()).toHaveLength(auditBefore.length);
  });

  it("re-imports only when asked (pnpm db:seed)", async () => {
    const result = await seedAll(database.db, { demoPassword: "plan-pulse-demo", nodeEnv: "test", plan: "always" });
    expect(result.plan?.changed).toBe(true);
    expect((await getPlan(database.db)).mission).not.toBe("Our edited mission.");
  });
});

describe.each(testDrivers())("starting from the second seed set on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  }, 120_000);
  afterAll(() => database.dispose());

  it("gives a fictional association its own plan, questions and settings", async () => {
    const result = await seedAll(database.db, { demoPassword: "plan-pulse-demo", nodeEnv: "test", plan: "if-none", seedSet: "wardens" });
    expect(result.plan?.created).toMatchObject({ plan: true, domains: 3, objectives: 11 });
    expect(result.profileQuestions).toBe(4);
    const plan = await getPlan(database.db);
    expect(plan.values).toEqual(["Safety first", "Open to everyone", "Care for the shoreline"]);
    expect(plan.domains.flatMap((d) => d.objectives).filter((o) => o.isUrgent)).toHaveLength(0);
    expect(await getOrganisationSettings(database.db)).toMatchObject({ name: "Harbour Wardens Society", officialResponseLabel: "Answer from the Society" });
  });
});
