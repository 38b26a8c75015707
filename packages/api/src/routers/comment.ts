import type { TRPCRouterRecord } from "@trpc/server";
import type { User } from "@planpulse/db";
import {
  assertEmailVerified,
  getMemberByHandle,
  suggestMentions,
  createComment,
  deleteComment,
  editComment,
  flagComment,
  getCommentHistory,
  listComments,
  type CommentViewer,
} from "@planpulse/core";
import {
  MemberHandleSchema,
  MentionSuggestSchema,
  CommentIdSchema,
  CreateCommentSchema,
  EditCommentSchema,
  FlagCommentSchema,
  ListCommentsSchema,
} from "@planpulse/validators";
import { memberProcedure, publicProcedure } from "../trpc";

function viewerOf(user: User | null): CommentViewer {
  return user ? { id: user.id, role: user.role, suspended: user.suspended_at !== null } : null;
}

export const commentRouter = {
  list: publicProcedure.input(ListCommentsSchema).query(({ ctx, input }) => listComments(ctx.db, { ...input, viewer: viewerOf(ctx.user) })),
  history: publicProcedure
    .input(CommentIdSchema)
    .query(({ ctx, input }) => getCommentHistory(ctx.db, { commentId: input.commentId, viewer: viewerOf(ctx.user) })),
  /** Active members whose handle starts with what follows the @ (the comment box's autocomplete). */
  mentionSuggestions: memberProcedure.input(MentionSuggestSchema).query(({ ctx, input }) => suggestMentions(ctx.db, input.prefix)),
  /** Where a mention links: the member's name behind a handle (never a suspended or deleted one). */
  memberByHandle: publicProcedure.input(MemberHandleSchema).query(({ ctx, input }) => getMemberByHandle(ctx.db, input.handle)),
  create: memberProcedure.input(CreateCommentSchema).mutation(async ({ ctx, input }) => {
    assertEmailVerified(ctx.user);
    const comment = await createComment(ctx.db, {
      authorId: ctx.user.id,
      objectiveSlug: input.objectiveSlug,
      body: input.body,
      parentId: input.parentId ?? null,
      stance: input.stance ?? null,
      updateStance: input.updateStance === true,
      kind: "member",
    });
    return { id: comment.id, parentId: comment.parent_id, status: comment.status };
  }),
  update: memberProcedure.input(EditCommentSchema).mutation(async ({ ctx, input }) => {
    assertEmailVerified(ctx.user);
    const comment = await editComment(ctx.db, { userId: ctx.user.id, commentId: input.commentId, body: input.body });
    return { id: comment.id, editedAt: comment.edited_at };
  }),
  delete: memberProcedure.input(CommentIdSchema).mutation(async ({ ctx, input }) => {
    const comment = await deleteComment(ctx.db, { userId: ctx.user.id, commentId: input.commentId });
    return { id: comment.id, deleted: true };
  }),
  flag: memberProcedure
    .input(FlagCommentSchema)
    .mutation(({ ctx, input }) => flagComment(ctx.db, { userId: ctx.user.id, commentId: input.commentId, reason: input.reason, note: input.note ?? null })),
} satisfies TRPCRouterRecord;
