import type { TRPCRouterRecord } from "@trpc/server";
import {
  deleteProfileOption,
  listProfileQuestionsForAdmin,
  moveProfileQuestion,
  saveProfileOption,
  saveProfileQuestion,
  setProfileOptionRetired,
  setProfileQuestionRetired,
} from "@planpulse/core";
import {
  ProfileOptionDeleteSchema,
  ProfileOptionRetireSchema,
  ProfileOptionSchema,
  ProfileQuestionMoveSchema,
  ProfileQuestionRetireSchema,
  ProfileQuestionSchema,
} from "@planpulse/validators";
import { adminProcedure } from "../trpc";

/** The association's profile questions (admins): what members are asked and what leadership may break figures down by. */
export const profileQuestionRouter = {
  list: adminProcedure.query(({ ctx }) => listProfileQuestionsForAdmin(ctx.db)),
  save: adminProcedure.input(ProfileQuestionSchema).mutation(({ ctx, input }) => saveProfileQuestion(ctx.db, ctx.user, input)),
  move: adminProcedure.input(ProfileQuestionMoveSchema).mutation(({ ctx, input }) => moveProfileQuestion(ctx.db, ctx.user, input)),
  setRetired: adminProcedure.input(ProfileQuestionRetireSchema).mutation(({ ctx, input }) => setProfileQuestionRetired(ctx.db, ctx.user, input)),
  saveOption: adminProcedure.input(ProfileOptionSchema).mutation(({ ctx, input }) => saveProfileOption(ctx.db, ctx.user, input)),
  setOptionRetired: adminProcedure.input(ProfileOptionRetireSchema).mutation(({ ctx, input }) => setProfileOptionRetired(ctx.db, ctx.user, input)),
  deleteOption: adminProcedure.input(ProfileOptionDeleteSchema).mutation(({ ctx, input }) => deleteProfileOption(ctx.db, ctx.user, input)),
} satisfies TRPCRouterRecord;
