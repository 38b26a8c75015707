import { readFileSync } from "node:fs";
import { PLAN_SEED_PATH, type Role, type User } from "@planpulse/db";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { importPlan } from "../plan/import-plan";
import { bulkUpdateProgress } from "./bulk-update-progress";
import { getProgressBoard } from "./get-progress-board";
import { listProgressUpdates } from "./list-progress-updates";
import { addMilestone, retireMilestone, updateMilestone } from "./manage-milestones";
import { onProgressUpdatePosted, postProgressUpdate, type ProgressUpdatePosted } from "./post-progress-update";

let counter = 0;
async function user(database: TestDatabase, role: Role): Promise<User> {
  counter += 1;
  const created = await insertUser(database.db, {
    email: `progress-${counter}-${Date.now()}@example.org`,
    display_name: `P ${counter}`,
    password_hash: null,
    role,
  });
  return created!;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe.each(testDrivers())("progress use-cases on %s", (driver) => {
  let database: TestDatabase;
  let staff: User;
  let admin: User;
  let advocacy: { id: number; domain_id: number }[];
  let other: { id: number };
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, readFileSync(PLAN_SEED_PATH, "utf8"));
    staff = await user(database, "staff");
    admin = await user(database, "admin");
    const domain = await database.db.selectFrom("domains").select("id").where("slug", "=", "advocacy").executeTakeFirstOrThrow();
    await database.db.insertInto("staff_domain_assignments").values({ user_id: staff.id, domain_id: domain.id }).execute();
    advocacy = await database.db.selectFrom("objectives").select(["id", "domain_id"]).where("domain_id", "=", domain.id).orderBy("position").execute();
    other = await database.db.selectFrom("objectives").select("id").where("domain_id", "!=", domain.id).executeTakeFirstOrThrow();
  });
  afterAll(() => database.dispose());

  it("shows staff only their assigned domains, admins all five", async () => {
    const mine = await getProgressBoard(database.db, staff);
    expect(mine.domains.map((d) => d.slug)).toEqual(["advocacy"]);
    expect((await getProgressBoard(database.db, admin)).domains).toHaveLength(5);
  });

  it("writes only changed rows in one save, with history and audit", async () => {
    const [a, b, c] = advocacy;
    const result = await bulkUpdateProgress(database.db, staff, {
      rows: [
        { objectiveId: a!.id, status: "on_track", percentComplete: 40 },
        { objectiveId: b!.id, status: "at_risk", percentComplete: 15 },
        { objectiveId: c!.id, status: "not_started", percentComplete: 0 },
      ],
    });
    expect(result.changed).toHaveLength(2);
    expect(result.unchanged).toBe(1);
    const rows = await database.db
      .selectFrom("objectives")
      .select(["id", "status", "percent_complete"])
      .where("id", "in", [a!.id, b!.id])
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.status, r.percent_complete])).toEqual([
      ["on_track", 40],
      ["at_risk", 15],
    ]);
    const history = await database.db.selectFrom("objective_progress_history").selectAll().where("objective_id", "=", a!.id).execute();
    expect(history).toHaveLength(1);
    expect(history[0]!.before).toEqual({ status: "not_started", percentComplete: 0 });
    expect(history[0]!.after).toEqual({ status: "on_track", percentComplete: 40 });
    expect(history[0]!.actor_id).toBe(staff.id);
    const audits = await database.db.selectFrom("audit_log").select("action").where("action", "=", "progress.update").execute();
    expect(audits).toHaveLength(2);
  });

  it("refuses the whole save when one objective is outside the staff member's domains", async () => {
    const before = await database.db.selectFrom("objectives").select(["id", "status", "percent_complete"]).orderBy("id").execute();
    const error = await bulkUpdateProgress(database.db, staff, {
      rows: [
        { objectiveId: advocacy[0]!.id, status: "completed", percentComplete: 100 },
        { objectiveId: other.id, status: "completed", percentComplete: 100 },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FORBIDDEN");
    expect((error as AppError).fieldErrors).toHaveProperty(`status-${other.id}`);
    expect(await database.db.selectFrom("objectives").select(["id", "status", "percent_complete"]).orderBy("id").execute()).toEqual(before);
  });

  it("refuses unknown objectives and duplicates, changing nothing", async () => {
    expect(await codeOf(bulkUpdateProgress(database.db, admin, { rows: [{ objectiveId: 999_999, status: "on_track", percentComplete: 1 }] }))).toBe(
      "NOT_FOUND",
    );
    const row = { objectiveId: advocacy[0]!.id, status: "completed" as const, percentComplete: 100 };
    expect(await codeOf(bulkUpdateProgress(database.db, admin, { rows: [row, row] }))).toBe("BAD_REQUEST");
    const still = await database.db.selectFrom("objectives").select("status").where("id", "=", advocacy[0]!.id).executeTakeFirstOrThrow();
    expect(still.status).toBe("on_track");
  });

  it("lets a member-role or other-domain actor do nothing", async () => {
    const member = await user(database, "member");
    expect(await codeOf(postProgressUpdate(database.db, member, { objectiveId: advocacy[0]!.id, body: "Hi" }))).toBe("FORBIDDEN");
    expect(await codeOf(postProgressUpdate(database.db, staff, { objectiveId: other.id, body: "Hi" }))).toBe("FORBIDDEN");
    expect(await codeOf(addMilestone(database.db, staff, { objectiveId: other.id, title: "X", done: false }))).toBe("FORBIDDEN");
  });

  it("posts a dated update, tells listeners after commit, and lists the timeline newest first", async () => {
    const heard: ProgressUpdatePosted[] = [];
    const off = onProgressUpdatePosted((_db, event) => {
      heard.push(event);
    });
    const first = await postProgressUpdate(database.db, staff, { objectiveId: advocacy[0]!.id, body: "Kick-off held with <b>partners</b>." });
    const viaOption: number[] = [];
    const second = await postProgressUpdate(
      database.db,
      admin,
      { objectiveId: advocacy[0]!.id, body: "Second" },
      { notify: (_db, e) => void viaOption.push(e.updateId) },
    );
    off();
    expect(heard.map((e) => e.updateId)).toEqual([first.id, second.id]);
    expect(viaOption).toEqual([second.id]);
    expect(heard[0]!.status).toBe("on_track");
    const timeline = await listProgressUpdates(database.db, advocacy[0]!.id);
    expect(timeline.map((u) => u.id)).toEqual([second.id, first.id]);
    expect(timeline[1]!.body).toBe("Kick-off held with <b>partners</b>.");
    expect(timeline[1]!.percentComplete).toBe(40);
  });

  it("saves status, percent and the update's text in one go, in one transaction", async () => {
    const target = advocacy[2]!.id;
    const saved = await postProgressUpdate(database.db, staff, { objectiveId: target, body: "Halfway there", status: "at_risk", percentComplete: 55 });
    const objective = await database.db.selectFrom("objectives").select(["status", "percent_complete"]).where("id", "=", target).executeTakeFirstOrThrow();
    expect([objective.status, objective.percent_complete]).toEqual(["at_risk", 55]);
    const timeline = await listProgressUpdates(database.db, target);
    expect(timeline.find((u) => u.id === saved.id)).toMatchObject({ status: "at_risk", percentComplete: 55 });
    const history = await database.db.selectFrom("objective_progress_history").select("after").where("objective_id", "=", target).execute();
    expect(history).toHaveLength(1);
    // Only one of the two, or a bad percent: refused, nothing written.
    expect(await codeOf(postProgressUpdate(database.db, staff, { objectiveId: target, body: "Half", status: "on_track" }))).toBe("BAD_REQUEST");
    const other = await postProgressUpdate(database.db, staff, {
      objectiveId: target,
      body: "Unchanged figures",
      status: "at_risk",
      percentComplete: 55,
    }).catch(() => null);
    expect(other).not.toBeNull();
    expect(await database.db.selectFrom("objective_progress_history").select("id").where("objective_id", "=", target).execute()).toHaveLength(1);
  });

  it("adds, edits and retires milestones (retired ones disappear from the board)", async () => {
    const { id } = await addMilestone(database.db, staff, { objectiveId: advocacy[1]!.id, title: "Draft toolkit", dueDate: "2027-03-31", done: false });
    expect((await updateMilestone(database.db, staff, { milestoneId: id, title: "Draft toolkit", dueDate: "2027-04-30", done: true })).changed).toBe(true);
    let board = await getProgressBoard(database.db, staff);
    const objective = board.domains[0]!.objectives.find((o) => o.id === advocacy[1]!.id)!;
    expect(objective.milestones).toEqual([{ id, title: "Draft toolkit", dueDate: "2027-04-30", done: true }]);
    await retireMilestone(database.db, staff, { milestoneId: id });
    board = await getProgressBoard(database.db, staff);
    expect(board.domains[0]!.objectives.find((o) => o.id === advocacy[1]!.id)!.milestones).toEqual([]);
    expect(await codeOf(retireMilestone(database.db, staff, { milestoneId: id }))).toBe("NOT_FOUND");
    expect(await database.db.selectFrom("milestones").select("id").where("id", "=", id).executeTakeFirst()).toBeDefined();
  });
});
