import type { TRPCRouterRecord } from "@trpc/server";
import {
  addDomain,
  moveDomain,
  previewNewCycle,
  renameDomain,
  restoreDomain,
  retireDomain,
  startNewCycle,
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
  AddDomainSchema,
  DomainIdSchema,
  MoveDomainSchema,
  NewCycleImportSchema,
  NewCyclePreviewSchema,
  RenameDomainSchema,
  RetireDomainSchema,
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
  addDomain: adminProcedure.input(AddDomainSchema).mutation(({ ctx, input }) => addDomain(ctx.db, ctx.user, input)),
  renameDomain: adminProcedure.input(RenameDomainSchema).mutation(({ ctx, input }) => renameDomain(ctx.db, ctx.user, input)),
  moveDomain: adminProcedure.input(MoveDomainSchema).mutation(({ ctx, input }) => moveDomain(ctx.db, ctx.user, input)),
  retireDomain: adminProcedure.input(RetireDomainSchema).mutation(({ ctx, input }) => retireDomain(ctx.db, ctx.user, input)),
  restoreDomain: adminProcedure.input(DomainIdSchema).mutation(({ ctx, input }) => restoreDomain(ctx.db, ctx.user, input)),
  /** What a new cycle from this text would change (nothing is written). */
  previewNewCycle: adminProcedure.input(NewCyclePreviewSchema).mutation(({ ctx, input }) => previewNewCycle(ctx.db, input)),
  /** Archives the current cycle and starts a new one from the text (decision 024). */
  startNewCycle: adminProcedure.input(NewCycleImportSchema).mutation(({ ctx, input }) => startNewCycle(ctx.db, ctx.user, input)),
} satisfies TRPCRouterRecord;
