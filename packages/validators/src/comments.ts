import { z } from "zod";
import { text } from "./text";
import { SlugSchema } from "./plan";
import { FLAG_REASONS } from "./domain/flags";
import { StanceSchema } from "./engagement";
import { findMentions, MAX_MENTIONS_PER_COMMENT, TOO_MANY_MENTIONS_MESSAGE } from "./domain/handles";

export const COMMENT_BODY_MIN = 2;
export const COMMENT_BODY_MAX = 5_000;
export const SEARCH_QUERY_MAX = 200;

export const COMMENT_SORT_VALUES = ["newest", "oldest", "most_replied"] as const;
export type CommentSort = (typeof COMMENT_SORT_VALUES)[number];

const IdSchema = z.coerce.number({ error: "Unknown comment" }).int("Unknown comment").positive("Unknown comment").max(2_147_483_647, "Unknown comment");

/** Checked as written (not trimmed: the text is stored exactly); blank text still counts as empty. */
export const CommentBodySchema = text({ error: "Write at least 2 characters" })
  .max(COMMENT_BODY_MAX, "Comments have at most 5,000 characters")
  .refine((value) => value.trim().length >= COMMENT_BODY_MIN, "Write at least 2 characters")
  .refine((value) => findMentions(value).length <= MAX_MENTIONS_PER_COMMENT, TOO_MANY_MENTIONS_MESSAGE);

/** A comment may carry a stance (the same three values as the declared stance); it never needs one. */
export const CommentStanceSchema = StanceSchema;

export const CreateCommentSchema = z.object({
  objectiveSlug: SlugSchema,
  body: CommentBodySchema,
  /** A reply names its parent; a reply to a reply is attached to the top-level comment. */
  parentId: IdSchema.optional(),
  /** Top-level comments only; optional. */
  stance: CommentStanceSchema.optional(),
  /** The member ticked "also make this my stance on the objective"; without it the declared stance never changes. */
  updateStance: z.boolean({ error: "Say whether to change your stance" }).optional(),
});
export type CreateCommentInput = z.infer<typeof CreateCommentSchema>;

export const EditCommentSchema = z.object({ commentId: IdSchema, body: CommentBodySchema });
export type EditCommentInput = z.infer<typeof EditCommentSchema>;

export const CommentIdSchema = z.object({ commentId: IdSchema });
export type CommentIdInput = z.infer<typeof CommentIdSchema>;

export const FlagCommentSchema = z
  .object({
    commentId: IdSchema,
    reason: z.enum(FLAG_REASONS, { error: "Choose a reason" }),
    note: text().trim().max(500, "A note has at most 500 characters").optional(),
  })
  .refine((value) => value.reason !== "other" || (value.note ?? "").length > 0, {
    message: "Tell the moderators what is wrong",
    path: ["note"],
  });
export type FlagCommentInput = z.infer<typeof FlagCommentSchema>;

export const ListCommentsSchema = z.object({
  objectiveSlug: SlugSchema,
  sort: z.enum(COMMENT_SORT_VALUES).catch("newest").default("newest"),
  /** Opaque to callers: the id of the last top-level comment of the previous page. */
  cursor: text()
    .regex(/^\d{1,10}$/, "Unknown page")
    .optional(),
  /** A top-level comment whose replies should all be shown. */
  expand: IdSchema.optional(),
  /** A comment someone linked to (e.g. from search): its thread is shown even if it is on a later page. */
  focus: IdSchema.optional(),
  limit: z.number().int().min(1).max(50).optional(),
});
export type ListCommentsInput = z.infer<typeof ListCommentsSchema>;

export const SearchSchema = z.object({
  q: text({ error: "Type a word or phrase to search for" })
    .trim()
    .min(1, "Type a word or phrase to search for")
    .max(SEARCH_QUERY_MAX, "Search for at most 200 characters"),
});
export type SearchInput = z.infer<typeof SearchSchema>;
