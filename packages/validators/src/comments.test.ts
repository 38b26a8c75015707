import { describe, expect, it } from "vitest";
import { CreateCommentSchema, FlagCommentSchema, ListCommentsSchema, SearchSchema } from "./comments";

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("comment schemas", () => {
  it("checks the length of the text as written, with human messages", () => {
    expect(messages(CreateCommentSchema.safeParse({ objectiveSlug: "advocacy-1", body: " x " }))).toEqual(["Write at least 2 characters"]);
    expect(messages(CreateCommentSchema.safeParse({ objectiveSlug: "advocacy-1", body: "x".repeat(5001) }))).toEqual([
      "Comments have at most 5,000 characters",
    ]);
    const body = "  Ünïcode ✓ <b>kept</b>\n";
    expect(CreateCommentSchema.parse({ objectiveSlug: "advocacy-1", body }).body).toBe(body);
  });

  it("needs a note when the flag reason is other", () => {
    expect(messages(FlagCommentSchema.safeParse({ commentId: "4", reason: "other", note: " " }))).toEqual(["Tell the moderators what is wrong"]);
    expect(FlagCommentSchema.parse({ commentId: "4", reason: "spam" }).commentId).toBe(4);
    expect(FlagCommentSchema.safeParse({ commentId: "abc", reason: "spam" }).success).toBe(false);
  });

  it("falls back to newest for an unknown sort and refuses odd cursors", () => {
    expect(ListCommentsSchema.parse({ objectiveSlug: "advocacy-1", sort: "sideways" }).sort).toBe("newest");
    expect(ListCommentsSchema.safeParse({ objectiveSlug: "advocacy-1", cursor: "1; drop table" }).success).toBe(false);
  });

  it("limits search queries to 1–200 characters", () => {
    expect(messages(SearchSchema.safeParse({ q: "   " }))).toEqual(["Type a word or phrase to search for"]);
    expect(messages(SearchSchema.safeParse({ q: "a".repeat(201) }))).toEqual(["Search for at most 200 characters"]);
    expect(SearchSchema.parse({ q: "  library  " }).q).toBe("library");
  });
});
