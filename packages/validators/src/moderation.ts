import { z } from "zod";
import { text } from "./text";
import { SlugSchema } from "./plan";

const RecordIdSchema = z.number({ error: "Choose an item" }).int("Choose an item").positive("Choose an item").max(2_147_483_647, "Choose an item");

export const ModerationReasonSchema = text({ error: "Give a reason" })
  .trim()
  .min(3, "Give a reason of at least 3 characters")
  .max(500, "Keep the reason under 500 characters");

const OptionalNoteSchema = text().trim().max(500, "Keep the note under 500 characters").optional();

export const CommentIdsSchema = z
  .array(RecordIdSchema, { error: "Choose at least one comment" })
  .min(1, "Choose at least one comment")
  .max(100, "Choose at most 100 comments at a time");

export const ApproveCommentsSchema = z.object({ commentIds: CommentIdsSchema, note: OptionalNoteSchema });
export type ApproveCommentsInput = z.infer<typeof ApproveCommentsSchema>;

export const HideCommentsSchema = z.object({ commentIds: CommentIdsSchema, reason: ModerationReasonSchema });
export type HideCommentsInput = z.infer<typeof HideCommentsSchema>;

export const RestoreCommentSchema = z.object({ commentId: RecordIdSchema, note: OptionalNoteSchema });
export type RestoreCommentInput = z.infer<typeof RestoreCommentSchema>;

export const LockDiscussionSchema = z.object({ objectiveId: RecordIdSchema, locked: z.boolean(), reason: OptionalNoteSchema });
export type LockDiscussionInput = z.infer<typeof LockDiscussionSchema>;

export const SuspendMemberSchema = z.object({ userId: RecordIdSchema, reason: ModerationReasonSchema });
export type SuspendMemberInput = z.infer<typeof SuspendMemberSchema>;

export const ReinstateMemberSchema = z.object({ userId: RecordIdSchema, note: OptionalNoteSchema });
export type ReinstateMemberInput = z.infer<typeof ReinstateMemberSchema>;

export const WatchWordsSchema = z
  .array(text().trim().min(2, "Each word needs at least 2 characters").max(60, "Each word or phrase has at most 60 characters"))
  .max(300, "Keep the list under 300 words");

/** Words and phrases from a textarea: one per line or separated by commas. */
export function parseWatchWords(text: string): string[] {
  const words = text
    .split(/[\n,]/)
    .map((word) => word.trim().toLowerCase().replace(/\s+/g, " "))
    .filter((word) => word.length > 0);
  return [...new Set(words)];
}

export const ModerationSettingsSchema = z.object({ holdFirstPosts: z.boolean(), watchWords: WatchWordsSchema });
export type ModerationSettingsInput = z.infer<typeof ModerationSettingsSchema>;

export const ModerationQueueSchema = z.object({ view: z.enum(["queue", "hidden"]).default("queue") }).default({ view: "queue" });

export const ResponseBodySchema = text({ error: "Write a response" })
  .trim()
  .min(2, "Write at least 2 characters")
  .max(5000, "Keep the response under 5,000 characters");

export const StaffReplySchema = z.object({ commentId: RecordIdSchema, body: ResponseBodySchema });
export type StaffReplyInput = z.infer<typeof StaffReplySchema>;

export const OfficialResponseSchema = z.object({ objectiveSlug: SlugSchema, body: ResponseBodySchema });
export type OfficialResponseInput = z.infer<typeof OfficialResponseSchema>;

export const RESPONSE_QUEUE_PAGE_SIZE = 20;
export const ResponseQueueSchema = z
  .object({
    domainSlug: SlugSchema.optional(),
    /** 1-based page of the oldest-first list. */
    page: z.number({ error: "Page is a number" }).int("Page is a whole number").min(1, "Pages start at 1").max(100_000, "That page is too far").optional(),
  })
  .default({});
export type ResponseQueueInput = z.infer<typeof ResponseQueueSchema>;

export const FollowObjectiveSchema = z.object({ slug: SlugSchema, follow: z.boolean() });
export type FollowObjectiveInput = z.infer<typeof FollowObjectiveSchema>;

export const MarkNotificationsReadSchema = z.object({
  /** Notification ids to mark read; omitted means all of them. */
  ids: z
    .array(text().regex(/^\d{1,18}$/, "Unknown notification"))
    .max(200)
    .optional(),
});
export type MarkNotificationsReadInput = z.infer<typeof MarkNotificationsReadSchema>;
