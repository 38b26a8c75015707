import { createSession, generateSessionToken, hashPassword, sessionIdFromToken, findUserByEmail, insertUser } from "@planpulse/auth";
import type { DB, Invitation, Kysely, Role, Transaction } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { ROLE_WORDS } from "@planpulse/validators/domain";
import { AppError } from "../errors";
import { assertStrongPassword } from "../auth/password-strength";
import { verifyCredentials } from "../auth/sign-in";
import { reserveAttempt, THROTTLE_RULES, throttleKey } from "../auth/throttle";
import type { SignedIn } from "../auth/sign-up";
import type { Actor } from "../progress/domain-scope";
import { composeMail, secret } from "../mail/compose";
import { enqueueMail, mailerConfigured } from "../mail/mailer";
import { getOrganisationName } from "../mail/organisation";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** The invitation token uses the session token's alphabet; only its SHA-256 is stored. */
const hashToken = sessionIdFromToken;

/**
 * Invites someone to the staff workspace with a role: a single-use link valid for 7 days, mailed
 * with the invitation (same transaction, through the queue). Returns the link so the admin screen can show it.
 */
export async function inviteStaff(
  db: Kysely<DB>,
  actor: Actor,
  input: { email: string; role: Role; adminOrigin: string },
  now = new Date(),
): Promise<{ id: number; link: string; expiresAt: string; delivery: "outbox" | "smtp" }> {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  const adminOrigin = input.adminOrigin.replace(/\/$/, "");
  const link = `${adminOrigin}/invite/${token}`;
  const organisation = await getOrganisationName(db);
  const invitation = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("invitations")
      .values({ email: input.email, role: input.role, token_hash: hashToken(token), invited_by: actor.id, expires_at: expiresAt })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.id,
      action: "user.invite",
      targetType: "invitation",
      targetId: row.id,
      after: { email: input.email, role: input.role },
    });
    const mail = composeMail({
      organisation,
      subject: `You are invited to the ${organisation} staff workspace`,
      paragraphs: [`You have been invited to the Plan Pulse staff workspace of ${organisation} as ${ROLE_WORDS[input.role]}.`],
      action: { label: "Accept the invitation", url: secret("link") },
      afterAction: ["The link works once, for 7 days."],
      reason: `You received this message because an administrator of ${organisation} invited this address.`,
      manage: { text: "If you did not expect it, ignore it: nothing happens unless the link is used." },
    });
    await enqueueMail(trx, { ...mail, to: input.email, key: `invitation:${row.id}`, kind: "invitation", secrets: { link } });
    return row;
  });
  return { id: invitation.id, link, expiresAt: expiresAt.toISOString(), delivery: mailerConfigured() ? "smtp" : "outbox" };
}

export type InvitationView = { email: string; role: Role; expiresAt: string; hasAccount: boolean };

function usable(invitation: Invitation | undefined, now: Date): Invitation {
  if (!invitation) {
    throw new AppError("NOT_FOUND", { userMessage: "This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation." });
  }
  if (invitation.accepted_at) {
    throw new AppError("CONFLICT", { userMessage: "This invitation has already been used. Sign in with your account, or ask for a new invitation." });
  }
  if (invitation.expires_at.getTime() <= now.getTime()) {
    throw new AppError("CONFLICT", { userMessage: "This invitation has expired. Ask an administrator to send you a new one." });
  }
  return invitation;
}

export async function getInvitation(db: Kysely<DB>, token: string, now = new Date()): Promise<InvitationView> {
  const invitation = usable(await findInvitationByTokenHash(db, hashToken(token)), now);
  const existing = await findUserByEmail(db, invitation.email);
  return { email: invitation.email, role: invitation.role, expiresAt: invitation.expires_at.toISOString(), hasAccount: existing !== undefined };
}

/**
 * An invitation carries its inviter's authority: once that administrator is suspended, deleted or no
 * longer an administrator, their pending invitations mint nothing.
 */
async function refuseRevokedInviter(trx: Transaction<DB>, invitation: Invitation): Promise<void> {
  const inviter = invitation.invited_by
    ? await trx.selectFrom("users").select(["role", "suspended_at", "deleted_at"]).where("id", "=", invitation.invited_by).forShare().executeTakeFirst()
    : undefined;
  if (!inviter || inviter.role !== "admin" || inviter.suspended_at || inviter.deleted_at) {
    throw new AppError("FORBIDDEN", { userMessage: "This invitation is no longer valid. Ask an administrator to send you a new one." });
  }
}

/** Creates the invitee's account with the invited role and signs them in; the link then stops working. */
export async function acceptInvitationWithNewAccount(
  db: Kysely<DB>,
  input: { token: string; displayName: string; password: string; ip: string },
  now = new Date(),
): Promise<SignedIn> {
  // A wrong token is a guess too: the same per-address delay as sign-up.
  await reserveAttempt(db, [{ key: throttleKey("sign-up-address", input.ip), rule: THROTTLE_RULES.signUpAddress }], "sign-up");
  const invitation = usable(await findInvitationByTokenHash(db, hashToken(input.token)), now);
  assertStrongPassword(input.password, [invitation.email, input.displayName]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const invitation = usable(await findInvitationByTokenHash(trx, hashToken(input.token)), now);
    await refuseRevokedInviter(trx, invitation);
    // The invitation reached this address: it counts as verified.
    const user = await insertUser(trx, {
      email: invitation.email,
      display_name: input.displayName,
      password_hash: passwordHash,
      role: invitation.role,
      email_verified_at: now,
    });
    if (!user) {
      throw new AppError("CONFLICT", { userMessage: "An account with this email already exists: sign in below to accept the invitation." });
    }
    if (!(await claimInvitation(trx, invitation.id, user.id, now))) {
      throw new AppError("CONFLICT", { userMessage: "This invitation has already been used." });
    }
    await appendAudit(trx, {
      actorId: user.id,
      action: "user.accept_invitation",
      targetType: "user",
      targetId: user.id,
      after: { role: user.role, invitationId: invitation.id },
    });
    const token = generateSessionToken();
    return { token, session: await createSession(trx, token, user.id, now), user };
  });
}

/** An existing account accepts with its password: it gets the invited role (an admin stays admin). */
export async function acceptInvitationWithExistingAccount(
  db: Kysely<DB>,
  input: { token: string; password: string; ip: string },
  now = new Date(),
): Promise<SignedIn> {
  const invitation = usable(await findInvitationByTokenHash(db, hashToken(input.token)), now);
  // The same delays as sign-in: a password guess is a password guess, whichever form it comes through.
  const user = await verifyCredentials(db, { email: invitation.email, password: input.password, ip: input.ip }, now);
  if (!user) {
    throw new AppError("UNAUTHORIZED", {
      userMessage: "That password does not match the invited account.",
      fieldErrors: { password: ["That password does not match the invited account."] },
    });
  }
  if (user.suspended_at) throw new AppError("FORBIDDEN", { userMessage: "This account is suspended; an invitation cannot be accepted with it." });
  return db.transaction().execute(async (trx) => {
    await refuseRevokedInviter(trx, invitation);
    if (!(await claimInvitation(trx, invitation.id, user.id, now))) {
      throw new AppError("CONFLICT", { userMessage: "This invitation has already been used or has expired." });
    }
    const role: Role = user.role === "admin" ? "admin" : invitation.role;
    if (role !== user.role || !user.email_verified_at) {
      await trx
        .updateTable("users")
        .set({ role, email_verified_at: user.email_verified_at ?? now, updated_at: now })
        .where("id", "=", user.id)
        .execute();
    }
    await appendAudit(trx, {
      actorId: user.id,
      action: "user.accept_invitation",
      targetType: "user",
      targetId: user.id,
      before: { role: user.role },
      after: { role, invitationId: invitation.id },
    });
    const token = generateSessionToken();
    return { token, session: await createSession(trx, token, user.id, now), user: { ...user, role } };
  });
}

export type InvitationRow = { id: number; email: string; role: Role; status: "pending" | "accepted" | "expired"; expiresAt: string; createdAt: string };

export async function listInvitations(db: Kysely<DB>, now = new Date()): Promise<InvitationRow[]> {
  const rows = await db.selectFrom("invitations").selectAll().orderBy("id", "desc").limit(50).execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    status: r.accepted_at ? "accepted" : r.expires_at.getTime() <= now.getTime() ? "expired" : "pending",
    expiresAt: r.expires_at.toISOString(),
    createdAt: r.created_at.toISOString(),
  }));
}

function findInvitationByTokenHash(db: Kysely<DB> | Transaction<DB>, tokenHash: string) {
  return db.selectFrom("invitations").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** Marks an invitation used, once: resolves to undefined when it was already used or has expired. */
function claimInvitation(db: Transaction<DB>, id: number, userId: number, now: Date) {
  return db
    .updateTable("invitations")
    .set({ accepted_at: now, accepted_user_id: userId })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now)
    .returningAll()
    .executeTakeFirst();
}
