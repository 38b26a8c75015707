import { createHash } from "node:crypto";
import { generateSessionToken, hashPassword, invalidateUserSessions, sessionIdFromToken, verifyPassword, findUserByEmail, findUserById } from "@planpulse/auth";
import { sql, type AccountToken, type AccountTokenPurpose, type DB, type Kysely, type Transaction, type User } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { AppError } from "../errors";
import { composeMail, secret } from "../mail/compose";
import { enqueueMail } from "../mail/mailer";
import { getOrganisationName } from "../mail/organisation";

/**
 * Verified email and password reset (decision 016). Tokens are single-use, random (the session
 * token's alphabet) and stored only as their SHA-256; the mail carries the token, the outbox a
 * placeholder.
 */
export const VERIFY_EMAIL_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const RESET_PASSWORD_LIFETIME_MS = 60 * 60 * 1000;
/** Verification mail: one a minute, five a day per account. */
export const VERIFY_RESEND_LIMITS = { perMinute: 1, perDay: 5 } as const;
/** Reset requests: per address asked for, and per client IP, in an hour. */
export const RESET_REQUEST_LIMITS = { perEmailPerHour: 3, perIpPerHour: 10 } as const;

const hashToken = sessionIdFromToken;
const hashValue = (value: string) => createHash("sha256").update(value).digest("hex");

const PURPOSE_PATH: Record<AccountTokenPurpose, string> = { verify_email: "/verify-email", reset_password: "/reset-password" };

function accountLink(origin: string, purpose: AccountTokenPurpose, token: string) {
  return `${origin.replace(/\/$/, "")}${PURPOSE_PATH[purpose]}?token=${token}`;
}

/** An imported member's invitation is a password-reset link that lasts a week (they may be on holiday). */
export const MEMBER_INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

async function issueToken(trx: Transaction<DB>, user: Pick<User, "id" | "email">, purpose: AccountTokenPurpose, now: Date, lifetimeMs?: number) {
  const token = generateSessionToken();
  const lifetime = lifetimeMs ?? (purpose === "verify_email" ? VERIFY_EMAIL_LIFETIME_MS : RESET_PASSWORD_LIFETIME_MS);
  const row = await trx
    .insertInto("account_tokens")
    .values({ user_id: user.id, purpose, token_hash: hashToken(token), email: user.email, expires_at: new Date(now.getTime() + lifetime) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** A verification link for the account's current address, mailed through the queue in `trx`. */
export async function sendEmailVerification(trx: Transaction<DB>, user: Pick<User, "id" | "email" | "display_name">, origin: string, now = new Date()) {
  const { id, token } = await issueToken(trx, user, "verify_email", now);
  const organisation = await getOrganisationName(trx);
  const mail = composeMail({
    organisation,
    subject: "Confirm your email address",
    paragraphs: [
      `Hello ${user.display_name},`,
      `Please confirm that this address is yours. Until you do, you can read the plan, follow objectives and fill in your profile, but you cannot support objectives, spend priority points, take a stance or comment.`,
    ],
    action: { label: "Confirm my email address", url: secret("link") },
    afterAction: ["The link works once, for 24 hours. You can ask for a new one on your account page."],
    reason: `You received this message because this address was used for an account on the ${organisation} Plan Pulse portal.`,
    manage: { text: "If that was not you, ignore this message: the account stays unconfirmed." },
  });
  await enqueueMail(trx, {
    ...mail,
    to: user.email,
    userId: user.id,
    key: `verify-email:${id}`,
    kind: "verify_email",
    secrets: { link: accountLink(origin, "verify_email", token) },
  });
}

/**
 * Invites a member created by an import: a "choose your password" link (the password-reset path,
 * valid for a week) to the portal, or sign-in with the association's account where SSO is set up.
 * One message per account ever (`member-invitation:<userId>`), so importing again never re-sends.
 */
export async function mailMemberInvitation(
  trx: Transaction<DB>,
  user: Pick<User, "id" | "email" | "display_name">,
  input: { portalOrigin: string; ssoLabel?: string | null; startAfter?: Date; now?: Date },
): Promise<boolean> {
  const now = input.now ?? new Date();
  const origin = input.portalOrigin.replace(/\/$/, "");
  const organisation = await getOrganisationName(trx);
  const mail = composeMail({
    organisation,
    subject: `You are invited to ${organisation}'s Plan Pulse portal`,
    paragraphs: [
      `Hello ${user.display_name},`,
      `${organisation} has added you to its Plan Pulse portal, where members support objectives of the strategic plan, set their priorities and discuss them.`,
      input.ssoLabel
        ? `Sign in with the button "${input.ssoLabel}" on ${origin}/login, or choose a password for this address:`
        : "Choose a password to sign in:",
    ],
    action: { label: "Choose my password", url: secret("link") },
    afterAction: ['The link works once, for 7 days. After that, use "Forgot your password?" on the sign-in page.'],
    reason: `You received this message because ${organisation} imported this address from its member records.`,
    manage: { text: "If you do not want an account, ignore this message; you can also delete the account from your account page." },
  });
  const claimed = await trx.selectFrom("outbox").select("id").where("idempotency_key", "=", `member-invitation:${user.id}`).executeTakeFirst();
  if (claimed) return false;
  const { token } = await issueToken(trx, user, "reset_password", now, MEMBER_INVITATION_LIFETIME_MS);
  const result = await enqueueMail(trx, {
    ...mail,
    to: user.email,
    userId: user.id,
    key: `member-invitation:${user.id}`,
    kind: "member_invitation",
    secrets: { link: accountLink(origin, "reset_password", token) },
    startAfter: input.startAfter,
  });
  return result.queued;
}

/** Sends a new verification link to a signed-in, unverified member (rate-limited). */
export async function resendEmailVerification(db: Kysely<DB>, userId: number, origin: string, now = new Date()): Promise<{ sent: true }> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").selectAll().where("id", "=", userId).forUpdate().executeTakeFirst();
    if (!user || user.deleted_at) throw new AppError("NOT_FOUND", { userMessage: "That account does not exist." });
    if (user.email_verified_at) throw new AppError("CONFLICT", { userMessage: "Your email address is already confirmed." });
    const recent = await trx
      .selectFrom("account_tokens")
      .select([
        sql<number>`count(*) filter (where created_at > ${new Date(now.getTime() - 60_000)})`.as("minute"),
        sql<number>`count(*) filter (where created_at > ${new Date(now.getTime() - 24 * 3_600_000)})`.as("day"),
      ])
      .where("user_id", "=", user.id)
      .where("purpose", "=", "verify_email")
      .executeTakeFirstOrThrow();
    if (Number(recent.minute) >= VERIFY_RESEND_LIMITS.perMinute) {
      throw new AppError("TOO_MANY_REQUESTS", {
        userMessage: "A link was sent less than a minute ago. Check your inbox (and spam folder), or try again in a minute.",
      });
    }
    if (Number(recent.day) >= VERIFY_RESEND_LIMITS.perDay) {
      throw new AppError("TOO_MANY_REQUESTS", {
        userMessage: "Five links were sent today already. Try again tomorrow, or check the spelling of your address on your account page.",
      });
    }
    await sendEmailVerification(trx, user, origin, now);
    return { sent: true as const };
  });
}

const INVALID_LINK = "This link is not valid. Check that you copied the whole link, or ask for a new one.";

/** Claims a token once: the conditional update is the lock, so two clicks at once verify once. */
async function claimToken(
  trx: Transaction<DB>,
  purpose: AccountTokenPurpose,
  token: string,
  now: Date,
  messages: { used: string; expired: string },
): Promise<AccountToken> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) throw new AppError("NOT_FOUND", { userMessage: INVALID_LINK });
  const found = await trx.selectFrom("account_tokens").selectAll().where("token_hash", "=", hashToken(token)).where("purpose", "=", purpose).executeTakeFirst();
  if (!found) throw new AppError("NOT_FOUND", { userMessage: INVALID_LINK });
  if (found.used_at) throw new AppError("CONFLICT", { userMessage: messages.used });
  if (found.expires_at.getTime() <= now.getTime()) throw new AppError("CONFLICT", { userMessage: messages.expired });
  const claimed = await trx
    .updateTable("account_tokens")
    .set({ used_at: now })
    .where("id", "=", found.id)
    .where("used_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  if (!claimed) throw new AppError("CONFLICT", { userMessage: messages.used });
  return claimed;
}

/** What a link's page may show before it is used (nothing changes). */
export async function inspectAccountToken(
  db: Kysely<DB>,
  purpose: AccountTokenPurpose,
  token: string,
  now = new Date(),
): Promise<{ valid: boolean; problem?: string }> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return { valid: false, problem: INVALID_LINK };
  const found = await db.selectFrom("account_tokens").selectAll().where("token_hash", "=", hashToken(token)).where("purpose", "=", purpose).executeTakeFirst();
  if (!found) return { valid: false, problem: INVALID_LINK };
  if (found.used_at)
    return {
      valid: false,
      problem:
        purpose === "verify_email"
          ? "This link has already been used: your address is confirmed."
          : "This link has already been used. Ask for a new one if you still need to reset your password.",
    };
  if (found.expires_at.getTime() <= now.getTime()) return { valid: false, problem: "This link has expired. Ask for a new one." };
  return { valid: true };
}

export async function verifyEmail(db: Kysely<DB>, token: string, now = new Date()): Promise<{ verified: true; userId: number }> {
  return db.transaction().execute(async (trx) => {
    const claimed = await claimToken(trx, "verify_email", token, now, {
      used: "This link has already been used: your address is confirmed.",
      expired: "This link has expired. Sign in and ask for a new one from the banner or your account page.",
    });
    const user = await trx.selectFrom("users").selectAll().where("id", "=", claimed.user_id).forUpdate().executeTakeFirst();
    if (!user || user.deleted_at) throw new AppError("NOT_FOUND", { userMessage: INVALID_LINK });
    if (user.email.toLowerCase() !== claimed.email.toLowerCase()) {
      throw new AppError("CONFLICT", { userMessage: "This link was for an address the account no longer uses. Use the newest link we sent." });
    }
    if (!user.email_verified_at) {
      await trx.updateTable("users").set({ email_verified_at: now, updated_at: now }).where("id", "=", user.id).execute();
      await appendAudit(trx, { actorId: user.id, action: "user.verify_email", targetType: "user", targetId: user.id });
    }
    return { verified: true as const, userId: user.id };
  });
}

/** The rule itself: until verified, a member reads, follows and fills in the profile, nothing more. */
export function assertEmailVerified(user: Pick<User, "email_verified_at">): void {
  if (!user.email_verified_at) {
    throw new AppError("FORBIDDEN", {
      userMessage:
        "Confirm your email address first: until then you can read and follow, but not support, spend points, take a stance or comment. We sent you a link; you can ask for a new one on your account page.",
    });
  }
}

/**
 * Forgot password: the same answer whether or not an account has the address. Rate-limited per
 * address and per client IP (counted even for addresses with no account, so the limit says nothing).
 */
export async function requestPasswordReset(
  db: Kysely<DB>,
  input: { email: string; ip: string; origin: string },
  now = new Date(),
): Promise<{ accepted: true }> {
  const emailHash = hashValue(input.email.trim().toLowerCase());
  const ipHash = hashValue(`ip:${input.ip}`);
  const hourAgo = new Date(now.getTime() - 3_600_000);
  await db.transaction().execute(async (trx) => {
    // Serialise requests for one address so parallel requests cannot all pass the count.
    await sql`select pg_advisory_xact_lock(hashtext(${`reset:${emailHash}`}))`.execute(trx);
    const counts = await trx
      .selectFrom("account_token_requests")
      .select([sql<number>`count(*) filter (where email_hash = ${emailHash})`.as("email"), sql<number>`count(*) filter (where ip_hash = ${ipHash})`.as("ip")])
      .where("purpose", "=", "reset_password")
      .where("created_at", ">", hourAgo)
      .where((eb) => eb.or([eb("email_hash", "=", emailHash), eb("ip_hash", "=", ipHash)]))
      .executeTakeFirstOrThrow();
    if (Number(counts.email) >= RESET_REQUEST_LIMITS.perEmailPerHour || Number(counts.ip) >= RESET_REQUEST_LIMITS.perIpPerHour) {
      throw new AppError("TOO_MANY_REQUESTS", {
        userMessage: "Too many reset requests. Check your inbox for the links already sent, or try again in an hour.",
      });
    }
    await trx.insertInto("account_token_requests").values({ purpose: "reset_password", email_hash: emailHash, ip_hash: ipHash, created_at: now }).execute();
    const user = await findUserByEmail(trx, input.email);
    if (!user || user.deleted_at || user.suspended_at || !user.password_hash) return;
    const { id, token } = await issueToken(trx, user, "reset_password", now);
    const organisation = await getOrganisationName(trx);
    const mail = composeMail({
      organisation,
      subject: "Reset your password",
      paragraphs: [`Hello ${user.display_name},`, "Someone, probably you, asked to reset the password of your Plan Pulse account."],
      action: { label: "Choose a new password", url: secret("link") },
      afterAction: ["The link works once, for 1 hour. When you choose a new password, every device signed in to your account is signed out."],
      reason: "You received this message because a password reset was requested for this address.",
      manage: { text: "If you did not ask for it, ignore this message: your password stays as it is." },
    });
    await enqueueMail(trx, {
      ...mail,
      to: user.email,
      userId: user.id,
      key: `reset-password:${id}`,
      kind: "reset_password",
      secrets: { link: accountLink(input.origin, "reset_password", token) },
    });
  });
  return { accepted: true };
}

/** Sets the new password from a reset link; every session of the account ends and the member is told. */
export async function resetPassword(db: Kysely<DB>, input: { token: string; newPassword: string; origin: string }, now = new Date()): Promise<{ reset: true }> {
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    const claimed = await claimToken(trx, "reset_password", input.token, now, {
      used: "This link has already been used. Ask for a new one if you still need to reset your password.",
      expired: "This link has expired (they work for 1 hour). Ask for a new one.",
    });
    const user = await findUserById(trx, claimed.user_id);
    if (!user || user.deleted_at || user.email.toLowerCase() !== claimed.email.toLowerCase()) {
      throw new AppError("NOT_FOUND", { userMessage: INVALID_LINK });
    }
    if (user.suspended_at) throw new AppError("FORBIDDEN", { userMessage: "This account is suspended; its password cannot be reset." });
    // Reaching the inbox proves the address as well.
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: now, email_verified_at: user.email_verified_at ?? now })
      .where("id", "=", user.id)
      .execute();
    await invalidateUserSessions(trx, user.id);
    // Older reset links for the account stop working too.
    await trx
      .updateTable("account_tokens")
      .set({ used_at: now })
      .where("user_id", "=", user.id)
      .where("purpose", "=", "reset_password")
      .where("used_at", "is", null)
      .execute();
    await appendAudit(trx, { actorId: user.id, action: "member.reset_password", targetType: "user", targetId: user.id });
    const organisation = await getOrganisationName(trx);
    const origin = input.origin.replace(/\/$/, "");
    const mail = composeMail({
      organisation,
      subject: "Your password was changed",
      paragraphs: [
        `Hello ${user.display_name},`,
        "The password of your Plan Pulse account was just changed with a reset link, and every device that was signed in has been signed out.",
      ],
      action: { label: "Sign in", url: `${origin}/login` },
      reason: "You received this message because the password of your account changed: we always tell you.",
      manage: { text: "If this was not you, reset your password at once and tell an administrator:", url: `${origin}/forgot-password` },
    });
    await enqueueMail(trx, { ...mail, to: user.email, userId: user.id, key: `password-changed:${claimed.id}`, kind: "password_changed" });
  });
  return { reset: true };
}

/**
 * Changes the account's address (current password required): the new one must be verified again,
 * and the old one is told.
 */
export async function changeEmail(db: Kysely<DB>, userId: number, input: { email: string; password: string; origin: string }, now = new Date()) {
  const user = await findUserById(db, userId);
  if (!user || user.deleted_at) throw new AppError("NOT_FOUND", { userMessage: "That account does not exist." });
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.password))) {
    throw new AppError("BAD_REQUEST", { userMessage: "That is not your current password.", fieldErrors: { password: ["That is not your current password."] } });
  }
  if (user.email.toLowerCase() === input.email.trim().toLowerCase()) {
    throw new AppError("BAD_REQUEST", { userMessage: "That is already your address.", fieldErrors: { email: ["That is already your address."] } });
  }
  const taken = await findUserByEmail(db, input.email);
  if (taken)
    throw new AppError("CONFLICT", { userMessage: "Another account uses that address.", fieldErrors: { email: ["Another account uses that address."] } });
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("users")
      .set({ email: input.email.trim(), email_verified_at: null, updated_at: now })
      .where("id", "=", user.id)
      .returningAll()
      .executeTakeFirst()
      .catch((error: unknown) => {
        if (String((error as { code?: string }).code) === "23505") return undefined;
        throw error;
      });
    if (!updated) {
      throw new AppError("CONFLICT", { userMessage: "Another account uses that address.", fieldErrors: { email: ["Another account uses that address."] } });
    }
    await appendAudit(trx, { actorId: user.id, action: "member.change_email", targetType: "user", targetId: user.id });
    await sendEmailVerification(trx, updated, input.origin, now);
    const organisation = await getOrganisationName(trx);
    const mail = composeMail({
      organisation,
      subject: "The email address of your account changed",
      paragraphs: [
        `Hello ${user.display_name},`,
        `The email address of your Plan Pulse account was changed to ${maskEmail(updated.email)}. Messages will go there from now on.`,
      ],
      reason: "You received this message at your previous address because the address of your account changed: we always tell the old one.",
      manage: { text: "If this was not you, reset your password and tell an administrator:", url: `${input.origin.replace(/\/$/, "")}/forgot-password` },
    });
    await enqueueMail(trx, { ...mail, to: user.email, userId: user.id, key: `email-changed:${user.id}:${now.getTime()}`, kind: "email_changed" });
    return { changed: true as const };
  });
}

/** "ma***@example.org": enough to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 2)}${"*".repeat(Math.max(1, Math.min(3, local.length - 2)))}@${domain}`;
}
