import type { TRPCRouterRecord } from "@trpc/server";
import {
  addObjective,
  applyPlanImport,
  getPlanForEditing,
  moveObjective,
  previewPlanImport,
  restoreObjective,
  retireObjective,
  updateDomainGoal,
  updateObjectiveText,
  updatePlanStatement,
} from "@planpulse/core";
import {
  AddObjectiveSchema,
  DomainGoalSchema,
  EditObjectiveSchema,
  MoveObjectiveSchema,
  ObjectiveIdSchema,
  PlanImportSchema,
  PlanStatementSchema,
  RetireObjectiveSchema,
} from "@planpulse/validators";
import { adminProcedure } from "../trpc";

/** Plan editing (admins): every applied change becomes a new plan version. */
export const planAdminRouter = {
  get: adminProcedure.query(({ ctx }) => getPlanForEditing(ctx.db)),
  updateStatement: adminProcedure.input(PlanStatementSchema).mutation(({ ctx, input }) => updatePlanStatement(ctx.db, ctx.user, input)),
  updateDomainGoal: adminProcedure.input(DomainGoalSchema).mutation(({ ctx, input }) => updateDomainGoal(ctx.db, ctx.user, input)),
  updateObjective: adminProcedure.input(EditObjectiveSchema).mutation(({ ctx, input }) => updateObjectiveText(ctx.db, ctx.user, input)),
  addObjective: adminProcedure.input(AddObjectiveSchema).mutation(({ ctx, input }) => addObjective(ctx.db, ctx.user, input)),
  moveObjective: adminProcedure.input(MoveObjectiveSchema).mutation(({ ctx, input }) => moveObjective(ctx.db, ctx.user, input)),
  retireObjective: adminProcedure.input(RetireObjectiveSchema).mutation(({ ctx, input }) => retireObjective(ctx.db, ctx.user, input)),
  restoreObjective: adminProcedure.input(ObjectiveIdSchema).mutation(({ ctx, input }) => restoreObjective(ctx.db, ctx.user, input)),
  previewImport: adminProcedure.input(PlanImportSchema).mutation(({ ctx, input }) => previewPlanImport(ctx.db, input.text)),
  applyImport: adminProcedure.input(PlanImportSchema).mutation(({ ctx, input }) => applyPlanImport(ctx.db, ctx.user, input.text)),
} satisfies TRPCRouterRecord;
