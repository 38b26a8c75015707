import type { TRPCRouterRecord } from "@trpc/server";
import { serializeSessionCookie } from "@planpulse/auth";
import {
  acceptInvitationWithExistingAccount,
  acceptInvitationWithNewAccount,
  changeUserRole,
  getInvitation,
  inviteStaff,
  listInvitations,
  countOutbox,
  listOutbox,
  reinstateAccount,
  searchPeople,
  setStaffDomains,
  suspendAccount,
  type SignedIn,
} from "@planpulse/core";
import {
  AcceptInvitationExistingSchema,
  AcceptInvitationNewSchema,
  AssignDomainsSchema,
  ChangeRoleSchema,
  InvitationTokenSchema,
  InviteSchema,
  OutboxFilterSchema,
  PeopleSearchSchema,
  ReinstateMemberSchema,
  SuspendMemberSchema,
} from "@planpulse/validators";
import type { ApiContext } from "../context";
import { adminProcedure, publicProcedure } from "../trpc";

function startSession(ctx: ApiContext, signedIn: SignedIn) {
  ctx.setCookie(serializeSessionCookie(signedIn.token, signedIn.session.expires_at, { secure: ctx.secureCookies }));
  return { id: signedIn.user.id, displayName: signedIn.user.display_name, role: signedIn.user.role };
}

/** People and invitations (admins); the invitation page itself is public, guarded by its token. */
export const peopleRouter = {
  list: adminProcedure.input(PeopleSearchSchema).query(({ ctx, input }) => searchPeople(ctx.db, input)),
  changeRole: adminProcedure.input(ChangeRoleSchema).mutation(({ ctx, input }) => changeUserRole(ctx.db, ctx.user, input)),
  suspend: adminProcedure.input(SuspendMemberSchema).mutation(({ ctx, input }) => suspendAccount(ctx.db, ctx.user, input)),
  reinstate: adminProcedure.input(ReinstateMemberSchema).mutation(({ ctx, input }) => reinstateAccount(ctx.db, ctx.user, input)),
  assignDomains: adminProcedure.input(AssignDomainsSchema).mutation(({ ctx, input }) => setStaffDomains(ctx.db, ctx.user, input)),
  invite: adminProcedure
    .input(InviteSchema)
    .mutation(({ ctx, input }) => inviteStaff(ctx.db, ctx.user, { ...input, adminOrigin: new URL(ctx.request.url).origin })),
  invitations: adminProcedure.query(({ ctx }) => listInvitations(ctx.db)),
  outbox: adminProcedure.input(OutboxFilterSchema).query(async ({ ctx, input }) => ({
    messages: await listOutbox(ctx.db, { status: input?.status }),
    counts: await countOutbox(ctx.db),
  })),
  invitation: publicProcedure.input(InvitationTokenSchema).query(({ ctx, input }) => getInvitation(ctx.db, input.token)),
  acceptInvitationNew: publicProcedure
    .input(AcceptInvitationNewSchema)
    .mutation(async ({ ctx, input }) => startSession(ctx, await acceptInvitationWithNewAccount(ctx.db, { ...input, ip: ctx.clientIp }))),
  acceptInvitationExisting: publicProcedure
    .input(AcceptInvitationExistingSchema)
    .mutation(async ({ ctx, input }) => startSession(ctx, await acceptInvitationWithExistingAccount(ctx.db, { ...input, ip: ctx.clientIp }))),
} satisfies TRPCRouterRecord;
