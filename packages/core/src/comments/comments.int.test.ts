import { readFileSync } from "node:fs";
import { PLAN_SEED_PATH, type User } from "@planpulse/db";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { importPlan } from "../plan/import-plan";
import type { CommentViewer } from "./comment-view";
import { createComment } from "./create-comment";
import { deleteComment } from "./delete-comment";
import { editComment } from "./edit-comment";
import { flagComment } from "./flag-comment";
import { getCommentCounts } from "./get-comment-counts";
import { getCommentHistory } from "./get-comment-history";
import { listComments } from "./list-comments";
import { listCommentsByAuthor } from "./list-comments-by-author";
import { searchPlan } from "./search-plan";

let counter = 0;
async function user(database: TestDatabase, name = "Member"): Promise<User> {
  counter += 1;
  const created = await insertUser(database.db, {
    email: `comments-${Date.now().toString(36)}-${counter}@example.org`,
    display_name: `${name} ${counter}`,
    password_hash: null,
  });
  return created!;
}

const viewerOf = (u: User): CommentViewer => ({ id: u.id, role: u.role, suspended: false });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the promise to reject");
}

describe.each(testDrivers())("comments on %s", (driver) => {
  let database: TestDatabase;
  let ann: User;
  let ben: User;
  const slug = "advocacy-3";

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, readFileSync(PLAN_SEED_PATH, "utf8"));
    ann = await user(database, "Ann");
    ben = await user(database, "Ben");
  });
  afterAll(() => database.dispose());

  it("attaches a reply to a reply to the top-level comment, and records the stance", async () => {
    const top = await createComment(database.db, {
      authorId: ann.id,
      objectiveSlug: slug,
      body: "Top level ✨ <b>bold</b>",
      stance: "concern",
      updateStance: true,
    });
    expect(top.parent_id).toBeNull();
    expect(top.stance).toBe("concern");
    expect(top.body).toBe("Top level ✨ <b>bold</b>");
    const reply = await createComment(database.db, { authorId: ben.id, objectiveSlug: slug, body: "A reply", parentId: top.id, stance: "support" });
    expect(reply.parent_id).toBe(top.id);
    expect(reply.stance).toBeNull();
    const nested = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Reply to the reply", parentId: reply.id });
    expect(nested.parent_id).toBe(top.id);

    const stance = await database.db
      .selectFrom("stances")
      .select("stance")
      .where("user_id", "=", ann.id)
      .where("objective_id", "=", top.objective_id)
      .executeTakeFirst();
    expect(stance?.stance).toBe("concern");
    const page = await listComments(database.db, { objectiveSlug: slug, viewer: viewerOf(ann) });
    expect(page.myStance).toBe("concern");
    const thread = page.comments.find((c) => c.id === top.id)!;
    expect(thread.replies.map((r) => r.id)).toEqual([reply.id, nested.id]);
    expect(thread.replyCount).toBe(2);
  });

  it("a comment's stance is optional and never changes the declared stance unless the member asked", async () => {
    const cal = await user(database, "Cal");
    const bare = await createComment(database.db, { authorId: cal.id, objectiveSlug: slug, body: "No stance here" });
    expect(bare.stance).toBeNull();
    const declared = () =>
      database.db.selectFrom("stances").select("stance").where("user_id", "=", cal.id).where("objective_id", "=", bare.objective_id).executeTakeFirst();
    expect(await declared()).toBeUndefined();

    await createComment(database.db, { authorId: cal.id, objectiveSlug: slug, body: "I am worried", stance: "concern", updateStance: true });
    expect((await declared())?.stance).toBe("concern");
    // A comment in favour, without the tick: the comment carries its stance, the declared one stays.
    const favour = await createComment(database.db, { authorId: cal.id, objectiveSlug: slug, body: "This part is good", stance: "support" });
    expect(favour.stance).toBe("support");
    expect((await declared())?.stance).toBe("concern");
    const history = await database.db.selectFrom("stance_history").select("stance").where("user_id", "=", cal.id).execute();
    expect(history.map((h) => h.stance)).toEqual(["concern"]);
    // The tick without a stance changes nothing either.
    await createComment(database.db, { authorId: cal.id, objectiveSlug: slug, body: "Just a question", updateStance: true });
    expect((await declared())?.stance).toBe("concern");
  });

  it("refuses a reply whose parent is on another objective", async () => {
    const top = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Elsewhere" });
    const error = await rejection(createComment(database.db, { authorId: ben.id, objectiveSlug: "advocacy-1", body: "Cross-thread", parentId: top.id }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("enforces 2 to 5,000 characters and stores the text exactly", async () => {
    expect((await rejection(createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: " a " }))).fieldErrors?.body).toEqual([
      "Write at least 2 characters",
    ]);
    const tooLong = "x".repeat(5001);
    expect((await rejection(createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: tooLong }))).fieldErrors?.body).toEqual([
      "Comments have at most 5,000 characters",
    ]);
    const exact = `  ${"é".repeat(4996)}\n\n`;
    const created = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: exact });
    expect(created.body).toBe(exact);
    const error = await rejection(createComment(database.db, { authorId: ann.id, objectiveSlug: "no-such-objective", body: "Hello" }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("keeps every previous text when the author edits", async () => {
    const comment = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "First text" });
    await editComment(database.db, { userId: ann.id, commentId: comment.id, body: "Second text" });
    const edited = await editComment(database.db, { userId: ann.id, commentId: comment.id, body: "Third text" });
    expect(edited.body).toBe("Third text");
    expect(edited.edited_at).not.toBeNull();
    const history = await getCommentHistory(database.db, { commentId: comment.id, viewer: null });
    expect(history.current.body).toBe("Third text");
    expect(history.revisions.map((r) => r.body)).toEqual(["Second text", "First text"]);
    const audit = await database.db.selectFrom("audit_log").select("action").where("target_id", "=", String(comment.id)).execute();
    expect(audit.filter((a) => a.action === "comment.edit")).toHaveLength(2);
  });

  it("soft-deletes: the row and its revisions stay, others see a placeholder", async () => {
    const comment = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Soon removed" });
    await editComment(database.db, { userId: ann.id, commentId: comment.id, body: "Soon removed, edited" });
    await deleteComment(database.db, { userId: ann.id, commentId: comment.id });
    await deleteComment(database.db, { userId: ann.id, commentId: comment.id });
    const row = await database.db.selectFrom("comments").selectAll().where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(row.body).toBe("Soon removed, edited");
    const revisions = await database.db.selectFrom("comment_revisions").select("body").where("comment_id", "=", comment.id).execute();
    expect(revisions.map((r) => r.body)).toEqual(["Soon removed"]);
    const audit = await database.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", String(comment.id))
      .where("action", "=", "comment.delete")
      .execute();
    expect(audit).toHaveLength(1);
    const page = await listComments(database.db, { objectiveSlug: slug, viewer: viewerOf(ben) });
    const shown = page.comments.find((c) => c.id === comment.id)!;
    expect(shown.state).toBe("removed");
    expect(shown.body).toBeNull();
    expect(JSON.stringify(page)).not.toContain("Soon removed");
  });

  it("answers 403 to someone else's edit or delete and changes nothing", async () => {
    const comment = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Ann's words" });
    const before = await database.db.selectFrom("comments").selectAll().where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect((await rejection(editComment(database.db, { userId: ben.id, commentId: comment.id, body: "Ben was here" }))).code).toBe("FORBIDDEN");
    expect((await rejection(deleteComment(database.db, { userId: ben.id, commentId: comment.id }))).code).toBe("FORBIDDEN");
    const after = await database.db.selectFrom("comments").selectAll().where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const revisions = await database.db.selectFrom("comment_revisions").select("id").where("comment_id", "=", comment.id).execute();
    expect(revisions).toHaveLength(0);
  });

  it("takes one flag per member per comment, and none on your own", async () => {
    const comment = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Flag me" });
    await flagComment(database.db, { userId: ben.id, commentId: comment.id, reason: "spam" });
    const second = await rejection(flagComment(database.db, { userId: ben.id, commentId: comment.id, reason: "abuse" }));
    expect(second.code).toBe("CONFLICT");
    expect(second.userMessage).toBe("You already flagged this comment");
    const flags = await database.db.selectFrom("comment_flags").selectAll().where("comment_id", "=", comment.id).execute();
    expect(flags).toHaveLength(1);
    expect(flags[0]!.reason).toBe("spam");
    expect((await rejection(flagComment(database.db, { userId: ann.id, commentId: comment.id, reason: "spam" }))).code).toBe("FORBIDDEN");
    expect((await rejection(flagComment(database.db, { userId: ben.id, commentId: comment.id, reason: "other" }))).fieldErrors?.note).toBeDefined();
    const page = await listComments(database.db, { objectiveSlug: slug, viewer: viewerOf(ben) });
    const shown = page.comments.find((c) => c.id === comment.id)!;
    expect(shown.flaggedByMe).toBe(true);
    expect(shown.canFlag).toBe(false);
  });

  it("shows held and hidden comments per the contract", async () => {
    const held = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Held text", status: "held", heldReason: "first post" });
    const hidden = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Hidden text" });
    await database.db.updateTable("comments").set({ status: "hidden", hidden_reason: "Personal attack" }).where("id", "=", hidden.id).execute();
    const asAnn = await listComments(database.db, { objectiveSlug: slug, viewer: viewerOf(ann) });
    expect(asAnn.comments.find((c) => c.id === held.id)).toMatchObject({ state: "held", body: "Held text" });
    expect(asAnn.comments.find((c) => c.id === hidden.id)).toMatchObject({ state: "hidden", body: "Hidden text", hiddenReason: "Personal attack" });
    const asBen = await listComments(database.db, { objectiveSlug: slug, viewer: viewerOf(ben) });
    expect(asBen.comments.find((c) => c.id === held.id)).toBeUndefined();
    expect(asBen.comments.find((c) => c.id === hidden.id)).toMatchObject({ state: "hidden", body: null, hiddenReason: null });
    const counts = await getCommentCounts(database.db, [held.objective_id, 999_999]);
    expect(counts.get(999_999)).toBe(0);
    const visible = await database.db
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("objective_id", "=", held.objective_id)
      .where("status", "=", "visible")
      .where("deleted_at", "is", null)
      .executeTakeFirstOrThrow();
    expect(counts.get(held.objective_id)).toBe(Number(visible.n));
    const mine = await listCommentsByAuthor(database.db, ann.id);
    expect(mine.map((c) => c.id)).toEqual(expect.arrayContaining([held.id, hidden.id]));
    expect(mine.every((c) => c.objectiveSlug.length > 0)).toBe(true);
  });

  it("pins official responses above the thread", async () => {
    const staff = await user(database, "Staff");
    const official = await createComment(database.db, { authorId: staff.id, objectiveSlug: slug, body: "Our answer", kind: "official_response" });
    const page = await listComments(database.db, { objectiveSlug: slug, viewer: null });
    expect(page.pinned.map((c) => c.id)).toEqual([official.id]);
    expect(page.pinned[0]!.author?.isStaff).toBe(true);
    expect(page.comments.find((c) => c.id === official.id)).toBeUndefined();
  });

  it("pages through every comment exactly once while others keep posting", async () => {
    const objective = "advocacy-1";
    const ids: number[] = [];
    for (let i = 0; i < 45; i += 1)
      ids.push((await createComment(database.db, { authorId: i % 2 ? ann.id : ben.id, objectiveSlug: objective, body: `Comment ${i}` })).id);
    for (const sort of ["newest", "oldest", "most_replied"] as const) {
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listComments(database.db, { objectiveSlug: objective, sort, cursor, limit: 7, viewer: null });
        seen.push(...page.comments.map((c) => c.id));
        // Someone posts while we read; it must not shift what we have not read yet.
        await createComment(database.db, { authorId: ben.id, objectiveSlug: objective, body: `Concurrent during ${sort} ${pages}` });
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 50);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(ids));
    }
    // A link to an old comment (or a reply to it) shows its thread on the first page.
    const reply = await createComment(database.db, { authorId: ann.id, objectiveSlug: objective, body: "Late reply", parentId: ids[0] });
    const linked = await listComments(database.db, { objectiveSlug: objective, focus: reply.id, viewer: null });
    expect(linked.comments.map((c) => c.id)).not.toContain(ids[0]);
    expect(linked.focused?.id).toBe(ids[0]);
    expect(linked.focused?.replies.map((r) => r.id)).toContain(reply.id);
    const onPage = await listComments(database.db, { objectiveSlug: objective, focus: linked.comments[0]!.id, viewer: null });
    expect(onPage.focused).toBeNull();
  });

  it("searches objective text and visible comments only, with safe highlights", async () => {
    const visible = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Bookmobiles reach rural readers <script>x</script>" });
    const hidden = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Bookmobiles hidden remark" });
    await database.db.updateTable("comments").set({ status: "hidden" }).where("id", "=", hidden.id).execute();
    const removed = await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Bookmobiles removed remark" });
    await deleteComment(database.db, { userId: ann.id, commentId: removed.id });
    await createComment(database.db, { authorId: ann.id, objectiveSlug: slug, body: "Bookmobiles held remark", status: "held" });

    const results = await searchPlan(database.db, { q: "bookmobile" });
    const ids = results.commentGroups.flatMap((g) => g.comments.map((c) => c.id));
    expect(ids).toEqual([visible.id]);
    const highlight = results.commentGroups[0]!.comments[0]!.highlight;
    expect(highlight.find((s) => s.mark)?.text).toBe("Bookmobiles");
    const text = highlight.map((s) => s.text).join("");
    expect(text).toContain("reach rural readers");
    expect(text).not.toMatch(/[\uE000\uE001]/);

    const objectives = await searchPlan(database.db, { q: "advocacy" });
    expect(objectives.objectives.length + objectives.commentGroups.length).toBeGreaterThan(0);
    const plan = await database.db.selectFrom("objectives").select(["slug", "text"]).where("slug", "=", slug).executeTakeFirstOrThrow();
    const word = plan.text.split(/\W+/).find((w) => w.length > 6)!;
    const byWord = await searchPlan(database.db, { q: word });
    expect(byWord.objectives.map((o) => o.slug)).toContain(slug);
    expect((await searchPlan(database.db, { q: '"unbalanced -quote OR' })).total).toBeGreaterThanOrEqual(0);
    expect((await rejection(searchPlan(database.db, { q: "  " }))).code).toBe("BAD_REQUEST");
    expect((await rejection(searchPlan(database.db, { q: "x".repeat(201) }))).code).toBe("BAD_REQUEST");
  });
});
