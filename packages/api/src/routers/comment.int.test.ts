import { readFileSync } from "node:fs";
import { importPlan } from "@planpulse/core";
import { PLAN_SEED_PATH } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs, failure, makeUser } from "../testing";

describe.each(testDrivers())("comment procedures on %s", (driver) => {
  let database: TestDatabase;
  const slug = "advocacy-3";
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, readFileSync(PLAN_SEED_PATH, "utf8"));
  });
  afterAll(() => database.dispose());

  it("lets members post and reply, and visitors read but not write", async () => {
    const ann = await callerAs(database, await makeUser(database));
    const created = await ann.comment.create({ objectiveSlug: slug, body: "A first thought", stance: "support" });
    const reply = await ann.comment.create({ objectiveSlug: slug, body: "And a reply", parentId: created.id });
    expect(reply.parentId).toBe(created.id);
    const visitor = await callerAs(database, null);
    const page = await visitor.comment.list({ objectiveSlug: slug });
    expect(page.comments.find((c) => c.id === created.id)?.replies.map((r) => r.id)).toEqual([reply.id]);
    expect(page.comments.every((c) => !c.canEdit && !c.canFlag && !c.canReply)).toBe(true);
    expect((await failure(visitor.comment.create({ objectiveSlug: slug, body: "Hello there" }))).code).toBe("UNAUTHORIZED");
  });

  it("gives field messages for bad text and refuses suspended members", async () => {
    const ann = await callerAs(database, await makeUser(database));
    const short = await failure(ann.comment.create({ objectiveSlug: slug, body: "x" }));
    expect(short.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(short.cause)).toContain("Write at least 2 characters");
    const long = await failure(ann.comment.create({ objectiveSlug: slug, body: "y".repeat(5001) }));
    expect(JSON.stringify(long.cause)).toContain("Comments have at most 5,000 characters");
    const suspended = await callerAs(database, await makeUser(database, { suspended: true }));
    expect((await failure(suspended.comment.create({ objectiveSlug: slug, body: "Let me in" }))).code).toBe("FORBIDDEN");
    expect((await suspended.comment.list({ objectiveSlug: slug })).comments.length).toBeGreaterThan(0);
  });

  it("answers 403 to edits and deletes of someone else's comment, 409 to a second flag", async () => {
    const annUser = await makeUser(database);
    const ann = await callerAs(database, annUser);
    const ben = await callerAs(database, await makeUser(database));
    const { id } = await ann.comment.create({ objectiveSlug: slug, body: "Mine alone" });
    expect((await failure(ben.comment.update({ commentId: id, body: "Not yours" }))).code).toBe("FORBIDDEN");
    expect((await failure(ben.comment.delete({ commentId: id }))).code).toBe("FORBIDDEN");
    const row = await database.db.selectFrom("comments").select(["body", "deleted_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ body: "Mine alone", deleted_at: null });
    await ben.comment.flag({ commentId: id, reason: "off_topic" });
    const again = await failure(ben.comment.flag({ commentId: id, reason: "spam" }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toBe("You already flagged this comment");
    expect((await failure(ben.comment.flag({ commentId: id, reason: "other" }))).code).toBe("BAD_REQUEST");
    expect((await failure(ann.comment.history({ commentId: 999_999 }))).code).toBe("NOT_FOUND");
  });

  it("searches, and refuses empty or over-long queries with a message", async () => {
    const visitor = await callerAs(database, null);
    const results = await visitor.search.plan({ q: "first thought" });
    expect(results.commentGroups.flatMap((g) => g.comments).length).toBeGreaterThan(0);
    expect((await failure(visitor.search.plan({ q: "" }))).code).toBe("BAD_REQUEST");
    expect((await failure(visitor.search.plan({ q: "z".repeat(201) }))).code).toBe("BAD_REQUEST");
  });
});
