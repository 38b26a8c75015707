import { readFileSync } from "node:fs";
import { PLAN_SEED_PATH, type User } from "@planpulse/db";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPlanFigures } from "../engagement/get-plan-figures";
import { importPlan } from "../plan/import-plan";
import { exportObjectiveCommentsCsv } from "./dashboard-csv";
import { getDashboard } from "./get-dashboard";
import { getObjectiveInsight } from "./get-objective-insight";
import { getPublicDashboard } from "./get-public-dashboard";
import { recomputeCommentTones } from "./recompute-tone";
import { refreshInsightRollups } from "./refresh-rollups";
import { setMemberAnswers } from "../segments/member-answers";
import { seedTestQuestions } from "../segments/test-questions";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/**
 * Ten members on advocacy-3 (urgent). Hand-computed expectations:
 * stances 4 support / 2 neutral / 3 concern → n 9, net (4 − 3) / 9 = +11.1;
 * votes from members 1–6 → 6; points 5 + 3 here and 2 elsewhere → 8 of 10 = 80%;
 * tones −0.5, +0.3, −0.2 → mean −0.1333, 2 of 3 negative; participants 10;
 * stance history: previous window members 1–6 support (+100), recent window as now (+11.1) → falling.
 */
describe.each(testDrivers())("insight rollups on %s", (driver) => {
  let database: TestDatabase;
  let members: User[];
  let advocacy3: number;
  let advocacy1: number;
  const optionId = async (key: string, label: string) =>
    String(
      (
        await database.db
          .selectFrom("profile_options as o")
          .innerJoin("profile_questions as q", "q.id", "o.question_id")
          .select("o.id")
          .where("q.key", "=", key)
          .where("o.label", "=", label)
          .executeTakeFirstOrThrow()
      ).id,
    );

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const { db } = database;
    await importPlan(db, readFileSync(PLAN_SEED_PATH, "utf8"));
    await seedTestQuestions(db);
    advocacy3 = (await db.selectFrom("objectives").select("id").where("slug", "=", "advocacy-3").executeTakeFirstOrThrow()).id;
    advocacy1 = (await db.selectFrom("objectives").select("id").where("slug", "=", "advocacy-1").executeTakeFirstOrThrow()).id;
    members = [];
    for (let i = 1; i <= 10; i += 1) {
      const user = await insertUser(db, { email: `insight-${driver}-${i}@example.org`, display_name: `Member ${i}`, password_hash: null, role: "member" });
      members.push(user!);
      await setMemberAnswers(
        db,
        user!.id,
        { library_type: i <= 7 ? "Academic" : "Public", career_stage: i <= 5 ? "Early career" : "Mid career", division: i <= 7 ? ["ACRL"] : ["PLA", "ACRL"] },
        { source: "self" },
      );
    }
    const id = (n: number) => members[n - 1]!.id;
    const current: Array<[number, "support" | "neutral" | "concern"]> = [
      [1, "support"],
      [2, "support"],
      [3, "support"],
      [4, "support"],
      [5, "neutral"],
      [6, "neutral"],
      [7, "concern"],
      [8, "concern"],
      [9, "concern"],
    ];
    for (const [n, stance] of current) {
      await db
        .insertInto("stances")
        .values({ user_id: id(n), objective_id: advocacy3, stance })
        .execute();
      await db
        .insertInto("stance_history")
        .values({ user_id: id(n), objective_id: advocacy3, stance, created_at: ago(5) } as never)
        .execute();
    }
    for (let n = 1; n <= 6; n += 1) {
      await db
        .insertInto("stance_history")
        .values({ user_id: id(n), objective_id: advocacy3, stance: "support", created_at: ago(35) } as never)
        .execute();
      await db
        .insertInto("support_votes")
        .values({ user_id: id(n), objective_id: advocacy3 })
        .execute();
    }
    await db
      .insertInto("priority_allocations")
      .values([
        { user_id: id(1), objective_id: advocacy3, points: 5 },
        { user_id: id(2), objective_id: advocacy3, points: 3 },
        { user_id: id(2), objective_id: advocacy1, points: 2 },
      ])
      .execute();
    const comment = async (n: number, body: string, tone: number, stance: "support" | "neutral" | "concern" | null = null) =>
      (
        await db
          .insertInto("comments")
          .values({ objective_id: advocacy3, author_id: id(n), body, tone, stance })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const answeredId = await comment(1, '=HYPERLINK("http://x") we need this, but slower', -0.2, "support");
    await comment(10, "This is a bad idea and it worries me.", -0.5);
    await comment(10, "Some parts are good.", 0.3);
    const staff = await insertUser(db, { email: `insight-staff-${driver}@example.org`, display_name: "Staffer", password_hash: null, role: "staff" });
    const reply = await db
      .insertInto("comments")
      .values({ objective_id: advocacy3, author_id: staff!.id, parent_id: answeredId, kind: "staff_reply", body: "Thanks, we hear you." })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("response_timings")
      .values({ comment_id: answeredId, objective_id: advocacy3, response_id: reply.id, responder_id: staff!.id, first_response_at: new Date(), seconds: 3600 })
      .execute();
    await db
      .insertInto("milestones")
      .values({ objective_id: advocacy3, title: "Draft the response playbook", due_date: ago(10).slice(0, 10) })
      .execute();
    await db
      .insertInto("progress_updates")
      .values({ objective_id: advocacy3, author_id: staff!.id, body: "Kick-off", status: "on_track", percent_complete: 10, created_at: ago(30) } as never)
      .execute();
  }, 180_000);
  afterAll(() => database.dispose());

  it("refreshes the rollups, then skips when nothing changed", async () => {
    expect((await refreshInsightRollups(database.db)).refreshed).toBe(true);
    expect(await refreshInsightRollups(database.db)).toMatchObject({ refreshed: false, reason: "unchanged" });
  });

  it("computes the objective's three signals from the rollups", async () => {
    const dashboard = await getDashboard(database.db, { segment: "career_stage" });
    const objective = dashboard.domains.flatMap((d) => d.objectives).find((o) => o.slug === "advocacy-3")!;
    expect(objective.participants).toBe(10);
    expect(objective.signals.stance.n).toBe(9);
    expect(objective.signals.stance.support.count).toBe(4);
    expect(objective.signals.stance.concern.count).toBe(3);
    expect(objective.signals.stance.net).toBeCloseTo(11.111, 2);
    expect(objective.signals.engagement.supportVotes).toBe(6);
    expect(objective.signals.engagement.priorityPoints).toBe(8);
    expect(objective.signals.engagement.pointsShare.share).toBeCloseTo(0.8, 10);
    expect(objective.signals.tone.n).toBe(3);
    expect(objective.signals.tone.mean).toBeCloseTo(-0.4 / 3, 5);
    expect(objective.signals.tone.negative.count).toBe(2);
    expect(objective.signals.comments).toBe(3);
    expect(objective.answered).toMatchObject({ count: 1, n: 3 });
    expect(objective.medianResponseSeconds).toBe(3600);
    expect(objective.trends.stance).toMatchObject({ direction: "down", previous: 100 });
    expect(objective.trends.stance.recent).toBeCloseTo(11.111, 2);
  });

  it("raises the alerts with their reasons", async () => {
    const dashboard = await getDashboard(database.db, { segment: "career_stage" });
    const alert = dashboard.alerts.find((a) => a.slug === "advocacy-3")!;
    expect(alert.reasons).toHaveLength(3);
    expect(alert.reasons[0]).toBe("Net stance fell from +100 to +11 points over the last 4 weeks.");
    expect(alert.reasons[1]).toMatch(/^1 milestone is overdue/);
    expect(alert.reasons[2]).toMatch(/^Behind its milestones: 0% complete/);
  });

  it("rolls domains up from their objectives and fills the headline", async () => {
    const dashboard = await getDashboard(database.db, { segment: "career_stage" });
    const advocacy = dashboard.domains.find((d) => d.slug === "advocacy")!;
    expect(advocacy.participants).toBe(10);
    expect(advocacy.signals.engagement.priorityPoints).toBe(10);
    expect(advocacy.signals.stance.n).toBe(9);
    expect(dashboard.headline).toMatchObject({
      participants7d: 10,
      participantsAll: 10,
      comments: 3,
      supportVotes: 6,
      priorityPoints: 10,
      priorityMembers: 2,
      medianResponseSeconds: 3600,
    });
    expect(dashboard.headline.answered).toMatchObject({ count: 1, n: 3 });
    expect(dashboard.weekly).toHaveLength(26);
    expect(dashboard.weekly.at(-1)!.supportVotes).toBe(6);
  });

  it("breaks signals down by segment and hides groups under 5, including the complement", async () => {
    const careers = await getDashboard(database.db, { segment: "career_stage" });
    expect(careers.segments.cells.map((c) => [c.label, c.members])).toEqual([
      ["Early career", 5],
      ["Mid career", 5],
    ]);
    const early = careers.segments.cells[0]!.signals!;
    expect(early.stance).toMatchObject({ n: 5 });
    expect(early.stance.support.count).toBe(4);
    expect(early.stance.neutral.count).toBe(1);
    // Library type: Academic 7, Public 3. Public is small; Academic would reveal it as 10 − 7, so both are hidden.
    const libraries = await getDashboard(database.db, { segment: "library_type" });
    expect(libraries.segments.total).toBe(10);
    expect(libraries.segments.cells.map((c) => [c.label, c.suppressed, c.members, c.signals])).toEqual([
      ["Academic", "complementary", null, null],
      ["Public", "small_group", null, null],
    ]);
    // A member in several divisions counts once in each.
    const divisions = await getDashboard(database.db, { segment: "division" });
    expect(divisions.segments.cells.find((c) => c.label === "ACRL")?.suppressed).toBe("complementary");
  });

  it("drills into the comments with stance, tone and segment filters", async () => {
    const negative = await getObjectiveInsight(database.db, { slug: "advocacy-3", segment: "career_stage", tone: "negative", page: 1 });
    expect(negative.comments.total).toBe(2);
    const supporting = await getObjectiveInsight(database.db, { slug: "advocacy-3", segment: "career_stage", stance: "support", page: 1 });
    expect(supporting.comments.items.map((c) => c.author)).toEqual(["Member 1"]);
    const early = await getObjectiveInsight(database.db, {
      slug: "advocacy-3",
      segment: "career_stage",
      segmentValue: await optionId("career_stage", "Early career"),
      page: 1,
    });
    expect(early.comments.total).toBeNull(); // segment filters page without counting
    // The /me promise: under a segment filter no name, no comment id, no time of day next to a comment.
    expect(early.comments.anonymised).toBe(true);
    expect(early.comments.items.map((c) => c.author)).toEqual([null]);
    expect(early.comments.items[0]!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(early.comments.items.map((c) => c.id)).toEqual([1]); // a position, not the comment's id
    const csv = (
      await exportObjectiveCommentsCsv(database.db, {
        slug: "advocacy-3",
        segment: "career_stage",
        segmentValue: await optionId("career_stage", "Early career"),
        page: 1,
      })
    ).csv;
    expect(csv).not.toContain("Member 1");
    expect(csv.split("\r\n")[1]).toMatch(/^\d{4}-\d{2}-\d{2},,comment,/);
    // Without a segment filter the drill-down names authors as before (no profile answer is involved).
    expect((await exportObjectiveCommentsCsv(database.db, { slug: "advocacy-3", segment: "career_stage", page: 1 })).csv).toContain("Member 1");
    // Every segment kind, and the "not stated" group, is anonymised the same way; a group under 5 is refused.
    for (const [segment, segmentValue] of [
      ["division", "ACRL"],
      ["library_type", "Academic"],
      ["career_stage", "Mid career"],
    ] as const) {
      const filtered = await getObjectiveInsight(database.db, { slug: "advocacy-3", segment, segmentValue: await optionId(segment, segmentValue), page: 1 });
      if (filtered.filters.segmentValue !== null)
        expect(
          filtered.comments.items.every((c) => c.author === null),
          segment,
        ).toBe(true);
    }
    const small = await getObjectiveInsight(database.db, {
      slug: "advocacy-3",
      segment: "library_type",
      segmentValue: await optionId("library_type", "Public"),
      page: 1,
    });
    expect(small.segmentNotice).toMatch(/Fewer than 5/);
    expect(small.comments.total).toBe(3);
    await expect(getObjectiveInsight(database.db, { slug: "advocacy-99", segment: "career_stage", page: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("shows stance before and after a progress update", async () => {
    const detail = await getObjectiveInsight(database.db, { slug: "advocacy-3", segment: "career_stage", page: 1 });
    expect(detail.updates).toHaveLength(1);
    expect(detail.updates[0]!.before).toMatchObject({ n: 6, net: 100 });
    expect(detail.updates[0]!.after.n).toBe(9);
    expect(detail.updates[0]!.after.net).toBeCloseTo(11.111, 2);
  });

  it("re-scores tone for every comment and notices new activity", async () => {
    const progress: number[] = [];
    const { scored } = await recomputeCommentTones(database.db, { batchSize: 2, onProgress: (done) => progress.push(done) });
    expect(scored).toBe(4);
    expect(progress).toEqual([2, 4]);
    const worried = await database.db
      .selectFrom("comments")
      .select("tone")
      .where("body", "=", "This is a bad idea and it worries me.")
      .executeTakeFirstOrThrow();
    expect(worried.tone).toBeLessThan(0);
    await database.db.insertInto("support_votes").values({ user_id: members[9]!.id, objective_id: advocacy1 }).execute();
    expect((await refreshInsightRollups(database.db)).reason).toBe("changed");
    const publicView = await getPublicDashboard(database.db);
    expect(publicView.totals).toMatchObject({ participants: 10, supportVotes: 7, objectives: 22, urgent: 5 });
    expect(publicView.domains[0]!.objectives.find((o) => o.slug === "advocacy-3")).toMatchObject({ participants: 10, supportVotes: 6, comments: 3 });
  });
  it("counts comments one way on the plan page, the public dashboard and the leadership dashboard", async () => {
    const { db } = database;
    const staff = (await db.selectFrom("users").select("id").where("role", "=", "staff").executeTakeFirstOrThrow()).id;
    const add = async (values: Record<string, unknown>) =>
      (
        await db
          .insertInto("comments")
          .values({ objective_id: advocacy1, body: "A comment", ...values } as never)
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const top = await add({ author_id: members[2]!.id });
    await add({ author_id: members[3]!.id, parent_id: top }); // a member's reply counts
    await add({ author_id: members[4]!.id, status: "held", held_reason: "first post" });
    await add({ author_id: members[5]!.id, status: "hidden" });
    await add({ author_id: members[6]!.id, deleted_at: new Date() });
    await add({ author_id: staff, parent_id: top, kind: "staff_reply" });
    await add({ author_id: staff, kind: "official_response" });
    await refreshInsightRollups(db);

    const plan = await getPlanFigures(db, null);
    const publicView = await getPublicDashboard(db);
    const leadership = await getDashboard(db, { segment: "career_stage" });
    const onPublic = publicView.domains.flatMap((d) => d.objectives);
    const onLeadership = leadership.domains.flatMap((d) => d.objectives);
    for (const [slug, id] of [
      ["advocacy-1", advocacy1],
      ["advocacy-3", advocacy3],
    ] as const) {
      const counts = [
        plan.objectives[id]!.comments,
        onPublic.find((o) => o.slug === slug)!.comments,
        onLeadership.find((o) => o.slug === slug)!.signals.comments,
      ];
      expect(new Set(counts).size, `${slug}: ${counts.join(" / ")}`).toBe(1);
    }
    expect(plan.objectives[advocacy1]!.comments).toBe(2);
    expect(publicView.totals.comments).toBe(Object.values(plan.objectives).reduce((sum, o) => sum + o.comments, 0));
  });
});
