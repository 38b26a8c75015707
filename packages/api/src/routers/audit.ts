import type { TRPCRouterRecord } from "@trpc/server";
import { exportAuditCsv, listAuditEntries } from "@planpulse/core";
import { AuditFilterSchema } from "@planpulse/validators";
import { leaderProcedure } from "../trpc";

/** The append-only audit log: leadership and admins read and export it. */
export const auditRouter = {
  list: leaderProcedure.input(AuditFilterSchema).query(({ ctx, input }) => listAuditEntries(ctx.db, input)),
  csv: leaderProcedure.input(AuditFilterSchema).query(({ ctx, input }) => exportAuditCsv(ctx.db, input)),
} satisfies TRPCRouterRecord;
