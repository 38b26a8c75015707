import type { TRPCRouterRecord } from "@trpc/server";
import { getOrganisationLogo, getOrganisationSettings, removeOrganisationLogo, setOrganisationLogo, updateOrganisationSettings } from "@planpulse/core";
import { LogoUploadSchema, OrganisationSettingsSchema } from "@planpulse/validators";
import { adminProcedure, publicProcedure } from "../trpc";

/** The organisation's own settings: every page reads them; admins change them. */
export const organisationRouter = {
  get: publicProcedure.query(({ ctx }) => getOrganisationSettings(ctx.db)),
  /** The logo's bytes for the /logo route (public: it is on every page). */
  logo: publicProcedure.query(({ ctx }) => getOrganisationLogo(ctx.db)),
  update: adminProcedure.input(OrganisationSettingsSchema).mutation(({ ctx, input }) => updateOrganisationSettings(ctx.db, ctx.user, input)),
  setLogo: adminProcedure.input(LogoUploadSchema).mutation(({ ctx, input }) => setOrganisationLogo(ctx.db, ctx.user, input.dataBase64)),
  removeLogo: adminProcedure.mutation(({ ctx }) => removeOrganisationLogo(ctx.db, ctx.user)),
} satisfies TRPCRouterRecord;
