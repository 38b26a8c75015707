import type { User } from "@planpulse/db";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "../insight/get-dashboard";
import { refreshInsightRollups } from "../insight/refresh-rollups";
import { getMemberAnswers, setMemberAnswers, updateMyAnswers } from "./member-answers";
import {
  deleteProfileOption,
  listProfileQuestionsForAdmin,
  saveProfileOption,
  saveProfileQuestion,
  setProfileOptionRetired,
  setProfileQuestionRetired,
} from "./profile-questions";

describe.each(testDrivers())("the association's profile questions on %s", (driver) => {
  let database: TestDatabase;
  let admin: User;
  const members: User[] = [];
  let questionId: number;

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: { code: string; fieldErrors?: Record<string, string[]> }) => error,
    );
  const question = async (key: string) => (await listProfileQuestionsForAdmin(database.db)).find((q) => q.key === key)!;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    admin = (await insertUser(database.db, { email: `seg-admin-${Date.now()}@example.org`, display_name: "Ada", password_hash: null, role: "admin" }))!;
    for (let i = 0; i < 12; i += 1) {
      members.push(
        (await insertUser(database.db, { email: `seg-${i}-${Date.now()}@example.org`, display_name: `Member ${i}`, password_hash: null, role: "member" }))!,
      );
    }
  }, 120_000);
  afterAll(() => database.dispose());

  it("defines a question with options; a duplicate key, wording or option is a field error", async () => {
    questionId = (
      await saveProfileQuestion(database.db, admin, { key: "sector", label: "Which sector do you work in?", hint: "", kind: "single", breakdown: true })
    ).id;
    for (const label of ["Health", "Education", "Transport"]) await saveProfileOption(database.db, admin, { questionId, label });
    expect(
      (await failure(saveProfileQuestion(database.db, admin, { key: "sector", label: "Another", hint: "", kind: "single", breakdown: false })))?.fieldErrors
        ?.key,
    ).toBeDefined();
    expect(
      (
        await failure(
          saveProfileQuestion(database.db, admin, { key: "other", label: "which sector do you work in?", hint: "", kind: "single", breakdown: false }),
        )
      )?.fieldErrors?.label,
    ).toBeDefined();
    const duplicate = await failure(saveProfileOption(database.db, admin, { questionId, label: " health ".trim() }));
    expect(duplicate?.fieldErrors?.label?.[0]).toMatch(/already has an option called “Health”/);
    expect((await question("sector")).options.map((o) => o.label)).toEqual(["Health", "Education", "Transport"]);
    const audit = await database.db.selectFrom("audit_log").select("action").where("actor_id", "=", admin.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["profile_question.create", "profile_option.create"]));
  });

  it("validates a member's answers against the options and writes nothing on any error", async () => {
    const member = members[0]!;
    await saveProfileQuestion(database.db, admin, { key: "groups", label: "Groups", hint: "", kind: "multiple", breakdown: true });
    const groups = (await question("groups")).id;
    for (const label of ["Alpha", "Beta"]) await saveProfileOption(database.db, admin, { questionId: groups, label });
    const error = await failure(updateMyAnswers(database.db, member.id, { sector: ["Health", "Education"], groups: ["Gamma"], nope: "x" }));
    expect(error?.code).toBe("BAD_REQUEST");
    expect(Object.keys(error!.fieldErrors!).sort()).toEqual(["groups", "nope", "sector"]);
    expect((await getMemberAnswers(database.db, member.id)).questions.every((q) => q.answer.length === 0)).toBe(true);
    await updateMyAnswers(database.db, member.id, { sector: "health", groups: ["Beta", "Alpha", "beta"] });
    const answers = (await getMemberAnswers(database.db, member.id)).questions;
    expect(answers.find((q) => q.key === "sector")!.answer).toEqual(["Health"]);
    expect(answers.find((q) => q.key === "groups")!.answer).toEqual(["Alpha", "Beta"]);
  });

  it("renaming an option keeps its answers; retiring keeps history; deleting one in use is refused", async () => {
    const member = members[0]!;
    const health = (await question("sector")).options.find((o) => o.label === "Health")!;
    await saveProfileOption(database.db, admin, { questionId, optionId: health.id, label: "Health care" });
    expect((await getMemberAnswers(database.db, member.id)).questions.find((q) => q.key === "sector")!.answer).toEqual(["Health care"]);

    const refused = await failure(deleteProfileOption(database.db, admin, { optionId: health.id }));
    expect(refused?.code).toBe("CONFLICT");
    expect(refused?.fieldErrors?.optionId?.[0]).toMatch(/In use by 1 member/);
    const transport = (await question("sector")).options.find((o) => o.label === "Transport")!;
    await deleteProfileOption(database.db, admin, { optionId: transport.id });
    expect((await question("sector")).options.map((o) => o.label)).toEqual(["Health care", "Education"]);

    await setProfileOptionRetired(database.db, admin, { optionId: health.id, retired: true });
    const mine = (await getMemberAnswers(database.db, member.id)).questions.find((q) => q.key === "sector")!;
    expect(mine.answer).toEqual(["Health care"]);
    expect(mine.options).toContainEqual({ label: "Health care", retired: true });
    // Re-saving keeps the retired answer; another member cannot newly choose it.
    await updateMyAnswers(database.db, member.id, { sector: "Health care" });
    expect((await failure(updateMyAnswers(database.db, members[1]!.id, { sector: "Health care" })))?.fieldErrors?.sector?.[0]).toMatch(/no longer offered/);
    expect((await getMemberAnswers(database.db, members[1]!.id)).questions.find((q) => q.key === "sector")!.options.map((o) => o.label)).toEqual(["Education"]);
    await setProfileOptionRetired(database.db, admin, { optionId: health.id, retired: false });
  });

  it("a verified answer (import, single sign-on) cannot be overwritten from /me", async () => {
    const member = members[2]!;
    await setMemberAnswers(database.db, member.id, { sector: "Education" }, { source: "sso" });
    const view = (await getMemberAnswers(database.db, member.id)).questions.find((q) => q.key === "sector")!;
    expect(view).toMatchObject({ answer: ["Education"], verified: true });
    const error = await failure(updateMyAnswers(database.db, member.id, { sector: "Health care" }));
    expect(error?.fieldErrors?.sector?.[0]).toMatch(/membership record/);
    // Clearing is a change too; saving the same answer is fine.
    expect((await failure(updateMyAnswers(database.db, member.id, { sector: "" })))?.code).toBe("BAD_REQUEST");
    await updateMyAnswers(database.db, member.id, { sector: "education", groups: ["Alpha"] });
    const rows = await database.db.selectFrom("member_answers").select(["question_id", "source"]).where("user_id", "=", member.id).execute();
    expect(rows.find((r) => r.question_id === questionId)!.source).toBe("sso");
    // An import may change it.
    await setMemberAnswers(database.db, member.id, { sector: "Health care" }, { source: "import" });
    expect((await getMemberAnswers(database.db, member.id)).questions.find((q) => q.key === "sector")).toMatchObject({
      answer: ["Health care"],
      verified: true,
    });
  });

  it("a multiple-choice question cannot become one-choice while members hold several; a key never changes", async () => {
    const groups = await question("groups");
    const error = await failure(
      saveProfileQuestion(database.db, admin, { questionId: groups.id, key: "groups", label: "Groups", hint: "", kind: "single", breakdown: true }),
    );
    expect(error?.fieldErrors?.kind?.[0]).toMatch(/chose several/);
    expect(
      (
        await failure(
          saveProfileQuestion(database.db, admin, { questionId: groups.id, key: "renamed", label: "Groups", hint: "", kind: "multiple", breakdown: true }),
        )
      )?.fieldErrors?.key,
    ).toBeDefined();
  });

  it("breaks figures down by an admin-defined question, hiding groups under 5 and their complement", async () => {
    const objective = await database.db
      .insertInto("plans")
      .values({
        cycle_id: (await database.db.insertInto("plan_cycles").values({ slug: "c", name: "C", status: "active" }).returning("id").executeTakeFirstOrThrow()).id,
        slug: "seg-plan",
        title: "Plan",
        intro: "",
        mission: "M",
        vision: "V",
        values: JSON.stringify([]),
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then((plan) =>
        database.db
          .insertInto("domains")
          .values({ plan_id: plan.id, slug: "seg-d", name: "D", aliases: [], goal_statement: "G", position: 1 })
          .returning("id")
          .executeTakeFirstOrThrow(),
      )
      .then((domain) =>
        database.db
          .insertInto("objectives")
          .values({ domain_id: domain.id, slug: "seg-d-1", position: 1, text: "O", is_urgent: false })
          .returning("id")
          .executeTakeFirstOrThrow(),
      );
    // Education: members 3–9 (7). Health care: 0, 2 (import) and 10–11 (4). Not stated: member 1. All support the objective.
    for (const [index, member] of members.entries()) {
      if (index >= 3) await updateMyAnswers(database.db, member.id, { sector: index <= 9 ? "Education" : "Health care" });
      await database.db.insertInto("support_votes").values({ user_id: member.id, objective_id: objective.id }).execute();
    }
    await refreshInsightRollups(database.db, { force: true, full: true });
    const dashboard = await getDashboard(database.db, { segment: "sector" });
    expect(dashboard.segments.label).toBe("Which sector do you work in?");
    expect(dashboard.segments.choices.map((c) => c.key)).toEqual(["sector", "groups"]);
    const cells = Object.fromEntries(dashboard.segments.cells.map((c) => [c.label, c.members]));
    expect(cells["Education"]).toBe(7);
    expect(dashboard.segments.cells.find((c) => c.label === "Health care")!.suppressed).not.toBeNull();
    expect(dashboard.segments.cells.find((c) => c.label === "Not stated")!.suppressed).not.toBeNull();
    await expect(getDashboard(database.db, { segment: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Renaming an option keeps its figures under the new label.
    const education = (await question("sector")).options.find((o) => o.label === "Education")!;
    await saveProfileOption(database.db, admin, { questionId, optionId: education.id, label: "Schools and universities" });
    const renamed = await getDashboard(database.db, { segment: "sector" });
    expect(renamed.segments.cells.find((c) => c.label === "Schools and universities")?.members).toBe(7);
    // A retired question is no longer a choice.
    await setProfileQuestionRetired(database.db, admin, { questionId: (await question("groups")).id, retired: true });
    expect((await getDashboard(database.db, {})).segments.choices.map((c) => c.key)).toEqual(["sector"]);
  });
});
