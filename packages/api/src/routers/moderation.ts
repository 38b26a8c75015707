import type { TRPCRouterRecord } from "@trpc/server";
import {
  approveComments,
  getModerationSettings,
  hideComments,
  listModerationLog,
  listModerationQueue,
  listModerationRestrictions,
  reinstateAccount,
  restoreComment,
  setDiscussionLock,
  suspendAccount,
  updateModerationSettings,
} from "@planpulse/core";
import {
  ApproveCommentsSchema,
  HideCommentsSchema,
  LockDiscussionSchema,
  ModerationQueueSchema,
  ModerationSettingsSchema,
  ReinstateMemberSchema,
  RestoreCommentSchema,
  SuspendMemberSchema,
} from "@planpulse/validators";
import { moderatorProcedure } from "../trpc";

export const moderationRouter = {
  queue: moderatorProcedure.input(ModerationQueueSchema).query(({ ctx, input }) => listModerationQueue(ctx.db, { view: input.view })),
  restrictions: moderatorProcedure.query(({ ctx }) => listModerationRestrictions(ctx.db)),
  log: moderatorProcedure.query(({ ctx }) => listModerationLog(ctx.db)),
  approve: moderatorProcedure.input(ApproveCommentsSchema).mutation(({ ctx, input }) => approveComments(ctx.db, ctx.user, input)),
  hide: moderatorProcedure.input(HideCommentsSchema).mutation(({ ctx, input }) => hideComments(ctx.db, ctx.user, input)),
  restore: moderatorProcedure.input(RestoreCommentSchema).mutation(({ ctx, input }) => restoreComment(ctx.db, ctx.user, input)),
  lock: moderatorProcedure.input(LockDiscussionSchema).mutation(({ ctx, input }) => setDiscussionLock(ctx.db, ctx.user, input)),
  suspend: moderatorProcedure.input(SuspendMemberSchema).mutation(({ ctx, input }) => suspendAccount(ctx.db, ctx.user, input, { whenUnchanged: "conflict" })),
  reinstate: moderatorProcedure
    .input(ReinstateMemberSchema)
    .mutation(({ ctx, input }) => reinstateAccount(ctx.db, ctx.user, input, { whenUnchanged: "conflict" })),
  settings: moderatorProcedure.query(({ ctx }) => getModerationSettings(ctx.db)),
  updateSettings: moderatorProcedure.input(ModerationSettingsSchema).mutation(({ ctx, input }) => updateModerationSettings(ctx.db, ctx.user, input)),
} satisfies TRPCRouterRecord;
