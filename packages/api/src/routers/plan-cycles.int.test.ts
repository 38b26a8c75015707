import { readFileSync } from "node:fs";
import { importPlan } from "@planpulse/core";
import { SEED_SETS, sql, type User } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { NewCycleImportSchema } from "@planpulse/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs, failure, makeUser, type TestCaller } from "../testing";

const alaText = readFileSync(SEED_SETS.ala.plan, "utf8");
const wardensText = readFileSync(SEED_SETS.wardens.plan, "utf8");

/** Plan cycles (decision 024): a new cycle replaces the plan; the old one is read-only and browsable. */
describe.each(testDrivers())("plan cycles on %s", (driver) => {
  let database: TestDatabase;
  let admin: User;
  let member: User;
  let staff: User;
  let adminCaller: TestCaller;
  let memberCaller: TestCaller;
  let old: { objectiveId: number; slug: string; commentId: number; milestoneId: number; cycleSlug: string };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, alaText);
    admin = await makeUser(database, { role: "admin" });
    member = await makeUser(database);
    staff = await makeUser(database, { role: "staff" });
    adminCaller = await callerAs(database, admin);
    memberCaller = await callerAs(database, member);
    const plan = await memberCaller.plan.get();
    const objective = plan.domains[0]!.objectives[0]!;
    await database.db.insertInto("staff_domain_assignments").values({ user_id: staff.id, domain_id: plan.domains[0]!.id }).execute();
    await memberCaller.vote.toggle({ objectiveId: objective.id, supported: true });
    await memberCaller.stance.set({ objectiveId: objective.id, stance: "concern" });
    await memberCaller.priority.set({ objectiveId: objective.id, points: 5 });
    const comment = await memberCaller.comment.create({ objectiveSlug: objective.slug, body: "Said in the first cycle." });
    const milestone = await (await callerAs(database, staff)).progress.addMilestone({ objectiveId: objective.id, title: "First cycle milestone" });
    old = { objectiveId: objective.id, slug: objective.slug, commentId: comment.id, milestoneId: (milestone as { id: number }).id, cycleSlug: plan.cycle.slug };
  }, 180_000);
  afterAll(() => database.dispose());

  it("puts existing data into one active cycle", async () => {
    const cycles = await memberCaller.plan.cycles();
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({ status: "active", slug: old.cycleSlug });
  });

  it("checks a malformed file line by line and changes nothing", async () => {
    const before = await database.db.selectFrom("plan_cycles").selectAll().execute();
    const broken = "Title only\n\nStrategic Objectives per Domain\n\nNowhere:\n- an objective under an unknown domain\n";
    const preview = await adminCaller.planAdmin.previewNewCycle({ text: broken, cycleName: "Broken", cycleSlug: "broken" });
    expect(preview.ok).toBe(false);
    if (!preview.ok) expect(preview.issues.every((issue) => issue.line >= 1)).toBe(true);
    const error = await failure(
      adminCaller.planAdmin.startNewCycle({ text: broken, cycleName: "Broken", cycleSlug: "broken", expectedCycleId: before[0]!.id, links: [] }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(await database.db.selectFrom("plan_cycles").selectAll().execute()).toEqual(before);
  });

  it("refuses a hostile cycle slug before anything runs", () => {
    for (const slug of ["../admin", "<script>", "a b", "UPPER", "x".repeat(61), "-lead", "a--b", "\u0000"]) {
      expect(NewCycleImportSchema.safeParse({ text: "x", cycleName: "Cycle", cycleSlug: slug, expectedCycleId: 1, links: [] }).success, slug).toBe(false);
    }
  });

  it("gives no cycle procedure to a member, staff or leader", async () => {
    for (const user of [member, staff, await makeUser(database, { role: "leader" })]) {
      const caller = await callerAs(database, user);
      expect((await failure(caller.planAdmin.previewNewCycle({ text: wardensText, cycleName: "W", cycleSlug: "w" }))).code).toBe("FORBIDDEN");
      expect((await failure(caller.planAdmin.startNewCycle({ text: wardensText, cycleName: "W", cycleSlug: "w", expectedCycleId: 1, links: [] }))).code).toBe(
        "FORBIDDEN",
      );
      expect((await failure(caller.planAdmin.retireDomain({ domainId: 1 }))).code).toBe("FORBIDDEN");
    }
    const anonymous = await callerAs(database, null);
    expect((await failure(anonymous.plan.compareCycles({ a: "x1", b: "x2" }))).code).toBe("UNAUTHORIZED");
  });

  it("previews the changes, then starts a new cycle: the old one is archived and keeps everything", async () => {
    const preview = await adminCaller.planAdmin.previewNewCycle({ text: wardensText, cycleName: "Wardens 2027–2030", cycleSlug: "wardens-2027" });
    if (!preview.ok) throw new Error("preview failed");
    expect(preview.counts.objectivesAdded + preview.counts.objectivesReworded + preview.counts.objectivesKept).toBe(11);
    expect(preview.counts.domainsRemoved + preview.counts.domainsRenamed).toBeGreaterThan(0);
    const first = preview.domains[0]!.objectives[0]!;
    const result = await adminCaller.planAdmin.startNewCycle({
      text: wardensText,
      cycleName: "Wardens 2027–2030",
      cycleSlug: "wardens-2027",
      expectedCycleId: preview.current.id,
      links: [{ key: first.key, fromObjectiveId: old.objectiveId }],
    });
    expect(result).toMatchObject({ cycleSlug: "wardens-2027", linked: 1, objectives: 11 });

    const current = await memberCaller.plan.get();
    expect(current.cycle).toMatchObject({ slug: "wardens-2027", status: "active" });
    expect(current.domains).toHaveLength(3);
    const archived = await memberCaller.plan.cycle({ cycleSlug: old.cycleSlug });
    expect(archived.cycle.status).toBe("archived");
    expect(archived.domains.length).toBe(5);
    // Everything members said in the old cycle is still there, with its figures.
    const figures = await memberCaller.engagement.figures({ cycleSlug: old.cycleSlug });
    expect(figures.objectives[old.objectiveId]).toMatchObject({ supports: 1, comments: 1, priorityPoints: 5 });
    expect((await memberCaller.comment.list({ objectiveSlug: old.slug })).comments.map((c) => c.body)).toContain("Said in the first cycle.");
    // The carried-over objective names the one it continues.
    const carried = await memberCaller.objective.get({ slug: current.domains[0]!.objectives[0]!.slug });
    expect(carried.carriedFrom).toMatchObject({ slug: old.slug, cycleSlug: old.cycleSlug });
    // Nothing moved: the vote stays on the old objective.
    expect((await memberCaller.engagement.figures()).objectives[current.domains[0]!.objectives[0]!.id]?.supports ?? 0).toBe(0);
    expect(await database.db.selectFrom("audit_log").select("action").where("action", "=", "plan.new_cycle").execute()).toHaveLength(1);
  });

  it("refuses every write to the archived cycle with a clear message", async () => {
    const staffCaller = await callerAs(database, staff);
    const writes: Array<[string, () => Promise<unknown>]> = [
      ["vote", () => memberCaller.vote.toggle({ objectiveId: old.objectiveId, supported: false })],
      ["stance", () => memberCaller.stance.set({ objectiveId: old.objectiveId, stance: "support" })],
      ["priority.set", () => memberCaller.priority.set({ objectiveId: old.objectiveId, points: 1 })],
      ["priority.save", () => memberCaller.priority.save({ allocations: [{ objectiveId: old.objectiveId, points: 1 }] })],
      ["comment", () => memberCaller.comment.create({ objectiveSlug: old.slug, body: "Too late." })],
      ["reply", () => memberCaller.comment.create({ objectiveSlug: old.slug, body: "Too late.", parentId: old.commentId })],
      ["edit", () => memberCaller.comment.update({ commentId: old.commentId, body: "Changed afterwards." })],
      ["progress", () => adminCaller.progress.postUpdate({ objectiveId: old.objectiveId, body: "Late news." })],
      ["bulk", () => adminCaller.progress.bulkUpdate({ rows: [{ objectiveId: old.objectiveId, status: "completed", percentComplete: 100 }] })],
      ["milestone", () => adminCaller.progress.addMilestone({ objectiveId: old.objectiveId, title: "Late" })],
      ["milestone.update", () => adminCaller.progress.updateMilestone({ milestoneId: old.milestoneId, title: "Late", done: true })],
      ["reply.staff", () => staffCaller.response.reply({ commentId: old.commentId, body: "Late answer." })],
      ["official", () => adminCaller.response.official({ objectiveSlug: old.slug, body: "Late answer." })],
    ];
    for (const [name, write] of writes) {
      const error = await failure(write());
      expect(error.code, name).toBe("CONFLICT");
      expect(error.message, name).toMatch(/archived plan cycle: it is read-only/);
    }
    const figures = await memberCaller.engagement.figures({ cycleSlug: old.cycleSlug });
    expect(figures.objectives[old.objectiveId]).toMatchObject({ supports: 1, comments: 1, priorityPoints: 5 });
    expect(figures.objectives[old.objectiveId]?.stance.concern).toBe(1);
  });

  it("gives each cycle its own priority budget", async () => {
    const mine = await memberCaller.priority.mine();
    expect(mine.spent).toBe(0);
    const current = await memberCaller.plan.get();
    const after = await memberCaller.priority.set({ objectiveId: current.domains[0]!.objectives[1]!.id, points: 5 });
    expect(after.spent).toBe(5);
    // The old cycle's 5 points stay where they were given.
    const kept = await database.db.selectFrom("priority_allocations").select("points").where("objective_id", "=", old.objectiveId).executeTakeFirst();
    expect(kept?.points).toBe(5);
  });

  it("refuses a second import made from a stale preview (two imports at once)", async () => {
    const preview = await adminCaller.planAdmin.previewNewCycle({ text: alaText, cycleName: "Back again", cycleSlug: "again-a" });
    if (!preview.ok) throw new Error("preview failed");
    const results = await Promise.allSettled([
      adminCaller.planAdmin.startNewCycle({ text: alaText, cycleName: "Cycle A", cycleSlug: "again-a", expectedCycleId: preview.current.id, links: [] }),
      adminCaller.planAdmin.startNewCycle({ text: alaText, cycleName: "Cycle B", cycleSlug: "again-b", expectedCycleId: preview.current.id, links: [] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as { code: string }).code).toBe("CONFLICT");
    const active = await database.db.selectFrom("plan_cycles").select("slug").where("status", "=", "active").execute();
    expect(active).toHaveLength(1);
    // A slug in use is a field error, not a 500.
    const cycles = await memberCaller.plan.cycles();
    const taken = await failure(
      adminCaller.planAdmin.startNewCycle({ text: alaText, cycleName: "Dup", cycleSlug: cycles[1]!.slug, expectedCycleId: cycles[0]!.id, links: [] }),
    );
    expect(taken.code).toBe("CONFLICT");
  });

  it("compares two cycles per domain for leadership, and answers 404 for an unknown cycle", async () => {
    const leader = await callerAs(database, await makeUser(database, { role: "leader" }));
    const comparison = await leader.plan.compareCycles({ a: old.cycleSlug, b: "wardens-2027" });
    expect(comparison.a.domains).toHaveLength(5);
    expect(comparison.b.domains).toHaveLength(3);
    expect(comparison.a.domains[0]).toMatchObject({ supporters: 1, comments: 1, stanceShares: null });
    expect((await failure(leader.plan.compareCycles({ a: "no-such-cycle", b: old.cycleSlug }))).code).toBe("NOT_FOUND");
    expect((await failure(memberCaller.plan.cycle({ cycleSlug: "no-such-cycle" }))).code).toBe("NOT_FOUND");
  });

  it("adds, renames, reorders and retires domains, audited, with history kept", async () => {
    const added = await adminCaller.planAdmin.addDomain({ name: "Outreach", goalStatement: "Reach everyone." });
    let plan = await adminCaller.planAdmin.get();
    const outreach = plan.domains.find((d) => d.slug === added.slug)!;
    expect((await failure(adminCaller.planAdmin.addDomain({ name: "outreach", goalStatement: "Again." }))).code).toBe("CONFLICT");
    await adminCaller.planAdmin.renameDomain({ domainId: outreach.id, name: "Community outreach" });
    await adminCaller.planAdmin.moveDomain({ domainId: outreach.id, direction: "up" });
    plan = await adminCaller.planAdmin.get();
    const names = plan.domains.filter((d) => !d.retired).map((d) => d.name);
    expect(names.indexOf("Community outreach")).toBe(names.length - 2);
    const first = plan.domains[0]!;
    await adminCaller.planAdmin.retireDomain({ domainId: first.id, reason: "Merged elsewhere" });
    const portal = await memberCaller.plan.get();
    expect(portal.domains.map((d) => d.id)).not.toContain(first.id);
    // Its objectives take no new writes, and its page stays.
    const error = await failure(memberCaller.vote.toggle({ objectiveId: first.objectives[0]!.id, supported: true }));
    expect(error.code).toBe("NOT_FOUND");
    expect((await memberCaller.domain.get({ slug: first.slug })).retiredAt).not.toBeNull();
    const actions = (await database.db.selectFrom("audit_log").select("action").where("action", "like", "plan.%domain").execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["plan.add_domain", "plan.rename_domain", "plan.move_domain", "plan.retire_domain"]));
    // A domain of an archived cycle is not the editor's to change.
    const archivedDomain = (await memberCaller.plan.cycle({ cycleSlug: old.cycleSlug })).domains[0]!;
    expect((await failure(adminCaller.planAdmin.renameDomain({ domainId: archivedDomain.id, name: "Rewritten history" }))).code).toBe("NOT_FOUND");
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("a new-cycle import racing votes on PostgreSQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    await importPlan(database.db, alaText);
  }, 180_000);
  afterAll(() => database.dispose());

  it("loses no vote: each one lands in the old cycle before the archive or is refused after it", async () => {
    const admin = await callerAs(database, await makeUser(database, { role: "admin" }));
    const objectives = (await admin.plan.get()).domains.flatMap((d) => d.objectives);
    const voters = await Promise.all(Array.from({ length: 40 }, async () => callerAs(database, await makeUser(database))));
    const preview = await admin.planAdmin.previewNewCycle({ text: wardensText, cycleName: "Race", cycleSlug: "race" });
    if (!preview.ok) throw new Error("preview failed");
    const votes = voters.map((voter, index) =>
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, index * 3));
        return voter.vote.toggle({ objectiveId: objectives[index % objectives.length]!.id, supported: true });
      })(),
    );
    const started = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return admin.planAdmin.startNewCycle({ text: wardensText, cycleName: "Race", cycleSlug: "race", expectedCycleId: preview.current.id, links: [] });
    })();
    const outcomes = await Promise.allSettled(votes);
    await started;
    const accepted = outcomes.filter((o) => o.status === "fulfilled").length;
    const refused = outcomes.filter((o) => o.status === "rejected");
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(accepted + refused.length).toBe(40);
    const stored = await database.db
      .selectFrom("support_votes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(accepted);
    const counted = await sql<{ n: number }>`select coalesce(sum(supports), 0)::int as n from objective_counters`.execute(database.db);
    expect(Number(counted.rows[0]?.n)).toBe(accepted);
  });
});
