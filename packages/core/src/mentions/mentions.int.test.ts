import { readFileSync } from "node:fs";
import { PLAN_SEED_PATH, type User } from "@planpulse/db";
import { findUserById, insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { findMentions, splitMentions } from "@planpulse/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteMyAccount } from "../account/delete-my-account";
import { signUp } from "../auth/sign-up";
import { createComment } from "../comments/create-comment";
import { editComment } from "../comments/edit-comment";
import { listComments } from "../comments/list-comments";
import { AppError } from "../errors";
import { approveComments, hideComments, restoreComment } from "../moderation/moderate-comments";
import { listNotifications } from "../notifications/list-notifications";
import { importPlan } from "../plan/import-plan";
import { changeMyHandle, suggestMentions } from "./handles";

let counter = 0;
async function member(database: TestDatabase, name: string, extra: { handle?: string; password_hash?: string | null } = {}): Promise<User> {
  counter += 1;
  return (await insertUser(database.db, {
    email: `mention-${Date.now().toString(36)}-${counter}@example.org`,
    display_name: name,
    password_hash: null,
    ...extra,
  }))!;
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; fields: Record<string, string[]> | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, fields: error.fieldErrors };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("mention parsing (hostile input)", () => {
  it("finds @handles, not emails, paths, code or link labels", () => {
    expect(findMentions("Hi @Ann-Lee and @ben_2, mail ann@example.org or see https://x.org/@carl")).toEqual(["ann-lee", "ben_2"]);
    expect(findMentions("`@code` and [@label](https://example.org) but (@dana).")).toEqual(["dana"]);
    expect(findMentions("@ab @abc @" + "a".repeat(31) + " @" + "b".repeat(30))).toEqual(["abc", "b".repeat(30)]);
    expect(findMentions("@everyone @admin @here")).toEqual([]);
    expect(findMentions("@ann.lee@x.org @ann.")).toEqual(["ann"]);
  });
  it("takes unicode and 10,000 @s in linear time", () => {
    expect(findMentions("@Zoë @名前 @ann\u202E @ann")).toEqual(["ann"]);
    const started = performance.now();
    expect(findMentions("@".repeat(10_000))).toEqual([]);
    expect(findMentions("@a ".repeat(5_000))).toEqual([]);
    expect(findMentions("x@abc".repeat(2_000))).toEqual([]);
    // Quadratic or backtracking parsing would take seconds here; the shared machine is slow, so the bound is loose.
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(splitMentions("<b>@ann</b>").map((s) => s.type)).toEqual(["text", "mention", "text"]);
  });
});

describe.each(testDrivers())("handles and mentions on %s", (driver) => {
  let database: TestDatabase;
  let ann: User;
  let ben: User;
  let cat: User;
  const slug = "advocacy-3";

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, readFileSync(PLAN_SEED_PATH, "utf8"));
    ann = await member(database, "Ann Writer");
    ben = await member(database, "Ben Reader", { handle: "ben" });
    cat = await member(database, "Cat Reader", { handle: "cat" });
  }, 300_000);
  afterAll(() => database?.dispose());

  it("refuses taken, reserved and odd handles with a field error, in any letter case", async () => {
    expect(await codeOf(changeMyHandle(database.db, ann.id, "BEN"))).toMatchObject({
      code: "CONFLICT",
      fields: { handle: ["That handle is taken: choose another"] },
    });
    expect((await codeOf(changeMyHandle(database.db, ann.id, "Admin"))).fields?.handle?.[0]).toMatch(/reserved/);
    expect((await codeOf(changeMyHandle(database.db, ann.id, "association"))).fields?.handle?.[0]).toMatch(/reserved/);
    expect((await codeOf(changeMyHandle(database.db, ann.id, "ann lee"))).fields?.handle?.[0]).toMatch(/letters a–z/);
    expect((await codeOf(changeMyHandle(database.db, ann.id, "añn"))).fields?.handle?.[0]).toMatch(/letters a–z/);
    expect((await codeOf(changeMyHandle(database.db, ann.id, "ab"))).fields?.handle?.[0]).toMatch(/at least 3/);
    expect((await codeOf(changeMyHandle(database.db, ann.id, "a".repeat(31)))).fields?.handle?.[0]).toMatch(/at most 30/);
    expect(await changeMyHandle(database.db, ann.id, "@Ann")).toEqual({ handle: "ann", changed: true });
    expect((await findUserById(database.db, ann.id))!.handle).toBe("ann");
  });

  it("two sign-ups wanting the same handle at once: one gets it, the other a field error", async () => {
    const attempt = (i: number) =>
      signUp(database.db, {
        displayName: `Twin ${i}`,
        email: `twin-${driver}-${i}@example.org`,
        password: "a long enough passphrase here",
        handle: "twin",
        ip: `10.9.0.${i}`,
      });
    const results = await Promise.allSettled([attempt(1), attempt(2)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).fieldErrors?.handle?.[0]).toMatch(/taken/);
    // Left empty, a handle is made from the name.
    const auto = await signUp(database.db, {
      displayName: "Twin",
      email: `twin-${driver}-3@example.org`,
      password: "a long enough passphrase here",
      ip: "10.9.0.3",
    });
    expect(auto.user.handle).toMatch(/^twin-\d+$/);
  });

  it("notifies mentioned members once, never the author, never twice on edit, only new ones", async () => {
    const comment = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Thoughts, @ben? And @ann (me) and @nobody-here." });
    const benItems = await listNotifications(database.db, ben.id);
    expect(benItems.items.filter((n) => n.kind === "mention" && n.commentId === comment.id)).toHaveLength(1);
    expect(benItems.items[0]!.actorName).toBe("Ann Writer");
    expect((await listNotifications(database.db, ann.id)).items.filter((n) => n.kind === "mention")).toHaveLength(0);

    await editComment(database.db, { userId: ann.id, commentId: comment.id, body: "Thoughts, @ben and @cat?" });
    await editComment(database.db, { userId: ann.id, commentId: comment.id, body: "Thoughts, @cat? (@ben removed)" });
    await editComment(database.db, { userId: ann.id, commentId: comment.id, body: "Thoughts, @cat and @ben again?" });
    const rows = await database.db.selectFrom("notifications").select(["user_id"]).where("kind", "=", "mention").where("comment_id", "=", comment.id).execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([ben.id, cat.id].sort());

    const page = await listComments(database.db, { objectiveSlug: slug, viewer: null });
    const view = page.comments.find((c) => c.id === comment.id)!;
    expect(view.mentions.sort()).toEqual(["ben", "cat"]);
  });

  it("refuses more than five mentions with a field error", async () => {
    const body = "@aaa @bbb @ccc @ddd @eee @fff";
    expect(await codeOf(createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { body: [expect.stringMatching(/at most 5/)] },
    });
    // The same handle many times is one mention.
    await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "@ben ".repeat(500) });
  });

  it("never reveals a suspended or deleted member: no link, no notification, not suggested", async () => {
    const sus = await member(database, "Sus Pended", { handle: "suspended-one" });
    const gone = await member(database, "Gone Member", { handle: "gone-one", password_hash: null });
    await database.db.updateTable("users").set({ suspended_at: new Date() }).where("id", "=", sus.id).execute();
    await deleteMyAccount(database.db, gone.id, { confirmation: "delete" });
    const comment = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Hello @suspended-one and @gone-one" });
    const told = await database.db.selectFrom("notifications").select("user_id").where("comment_id", "=", comment.id).execute();
    expect(told).toEqual([]);
    const page = await listComments(database.db, { objectiveSlug: slug, viewer: null });
    expect(page.comments.find((c) => c.id === comment.id)!.mentions).toEqual([]);
    expect(await suggestMentions(database.db, "suspended")).toEqual([]);
    expect(await suggestMentions(database.db, "gone")).toEqual([]);
    expect((await suggestMentions(database.db, "BE")).map((s) => s.handle)).toContain("ben");
    expect(await suggestMentions(database.db, "%")).toEqual([]);
    expect(await suggestMentions(database.db, "_")).toEqual([]);
    // A member suspended after being mentioned stops being a link.
    await database.db.updateTable("users").set({ suspended_at: new Date() }).where("id", "=", cat.id).execute();
    const later = await listComments(database.db, { objectiveSlug: slug, viewer: null });
    expect(later.comments.flatMap((c) => c.mentions)).not.toContain("cat");
    await database.db.updateTable("users").set({ suspended_at: null }).where("id", "=", cat.id).execute();
  });

  it("a held comment mentions nobody until it is approved", async () => {
    const comment = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Held, @cat", status: "held" });
    expect(await database.db.selectFrom("notifications").select("id").where("comment_id", "=", comment.id).execute()).toEqual([]);
  });

  it("approving a held comment tells the members it mentions, once, even when two moderators approve at once; never a suspended one or the author", async () => {
    const moderators = [await member(database, "Mod One"), await member(database, "Mod Two")];
    await database.db
      .updateTable("users")
      .set({ role: "moderator" })
      .where(
        "id",
        "in",
        moderators.map((m) => m.id),
      )
      .execute();
    const later = await member(database, "Later Suspended", { handle: `later-${driver}` });
    const told = (commentId: number) =>
      database.db
        .selectFrom("notifications")
        .select(["user_id", "actor_id"])
        .where("kind", "=", "mention")
        .where("comment_id", "=", commentId)
        .orderBy("user_id")
        .execute();
    const comment = await createComment(database.db, {
      authorId: ann.id,
      objectiveSlug: slug,
      body: `Held for review: @ben, @later-${driver} and me (@ann)`,
      status: "held",
    });
    expect(await told(comment.id)).toEqual([]);
    // Suspended while the comment waited: the approval leaves them out.
    await database.db.updateTable("users").set({ suspended_at: new Date() }).where("id", "=", later.id).execute();

    const results = await Promise.allSettled(
      moderators.map((m) => approveComments(database.db, { id: m.id, role: "moderator" }, { commentIds: [comment.id] })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as AppError).code).toBe("CONFLICT");
    expect(await told(comment.id)).toEqual([{ user_id: ben.id, actor_id: ann.id }]);
    const benItems = (await listNotifications(database.db, ben.id)).items.filter((n) => n.kind === "mention" && n.commentId === comment.id);
    expect(benItems).toHaveLength(1);
    expect(benItems[0]!.actorName).toBe("Ann Writer");

    // A replayed approval changes nothing and tells no one again.
    expect((await codeOf(approveComments(database.db, { id: moderators[0]!.id, role: "moderator" }, { commentIds: [comment.id] }))).code).toBe("CONFLICT");
    expect(await told(comment.id)).toHaveLength(1);
  });

  it("a held comment hidden tells no one; restored later, it tells the members it mentions then", async () => {
    const moderator = { id: (await member(database, "Mod Three")).id, role: "moderator" as const };
    const told = (commentId: number) =>
      database.db.selectFrom("notifications").select("user_id").where("kind", "=", "mention").where("comment_id", "=", commentId).execute();
    const comment = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Held, then hidden: @cat", status: "held" });
    await hideComments(database.db, moderator, { commentIds: [comment.id], reason: "Checking with the author first" });
    expect(await told(comment.id)).toEqual([]);
    await restoreComment(database.db, moderator, { commentId: comment.id });
    expect(await told(comment.id)).toEqual([{ user_id: cat.id }]);
    // Hidden and restored again: already told, not told twice.
    await hideComments(database.db, moderator, { commentIds: [comment.id], reason: "Second look" });
    await restoreComment(database.db, moderator, { commentId: comment.id });
    expect(await told(comment.id)).toEqual([{ user_id: cat.id }]);
  });

  it("a member without a password deletes their account by typing the word; with a password, the password", async () => {
    const imported = await member(database, "Imported Member");
    expect(await codeOf(deleteMyAccount(database.db, imported.id, { confirmation: "yes" }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { confirmation: [expect.any(String)] },
    });
    expect(await codeOf(deleteMyAccount(database.db, imported.id, { password: "" }))).toMatchObject({ code: "BAD_REQUEST" });
    await deleteMyAccount(database.db, imported.id, { confirmation: " Delete " });
    const after = (await findUserById(database.db, imported.id))!;
    expect(after.deleted_at).not.toBeNull();
    expect(after.handle).toBeNull();
    const withPassword = await signUp(database.db, {
      displayName: "Has Password",
      email: `pw-${driver}@example.org`,
      password: "a long enough passphrase here",
      ip: "10.9.1.1",
    });
    expect(await codeOf(deleteMyAccount(database.db, withPassword.user.id, { confirmation: "delete" }))).toMatchObject({
      fields: { password: [expect.any(String)] },
    });
  });
});
