import type { TRPCRouterRecord } from "@trpc/server";
import { applyMemberImport, checkMemberImport, getMemberImport, invitationPortalOrigin, invitationSsoLabel } from "@planpulse/core";
import { MemberImportCheckSchema, MemberImportIdSchema, MemberImportStartSchema } from "@planpulse/validators";
import { adminProcedure } from "../trpc";

/** Member import (admins): check a CSV (dry run), apply it in the background, follow its progress. */
export const memberImportRouter = {
  check: adminProcedure
    .input(MemberImportCheckSchema)
    .mutation(({ ctx, input }) => checkMemberImport(ctx.db, { bytes: input.bytes, fileName: input.fileName, actorId: ctx.user.id })),
  // Not "apply": the tRPC caller proxy treats a property of that name as Function.prototype.apply.
  start: adminProcedure.input(MemberImportStartSchema).mutation(({ ctx, input }) => {
    const portalOrigin = input.invite ? invitationPortalOrigin(new URL(ctx.request.url).origin) : null;
    const invite = portalOrigin ? { portalOrigin, ssoLabel: invitationSsoLabel() } : null;
    return applyMemberImport(ctx.db, { importId: input.importId, actorId: ctx.user.id, wait: false, invite });
  }),
  status: adminProcedure.input(MemberImportIdSchema).query(({ ctx, input }) => getMemberImport(ctx.db, input.importId)),
} satisfies TRPCRouterRecord;
