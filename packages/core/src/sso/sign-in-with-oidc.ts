import { createSession, generateSessionToken, findUserByEmail, findUserById, insertUser } from "@planpulse/auth";
import { sql, type DB, type Kysely, type Transaction, type User } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { DisplayNameSchema } from "@planpulse/validators";
import { checkSegmentAnswers, listSegmentQuestions, setVerifiedSegmentAnswers } from "../account/segment-answers";
import type { SignedIn } from "../auth/sign-up";
import { AppError } from "../errors";
import type { ClaimWarning, MappedClaims } from "./oidc-claims";

export const SSO_MESSAGES = {
  noSubject: "Your organisation's sign-in did not say who you are, so nobody was signed in. Try again, or ask your administrator.",
  noEmail:
    "Your organisation's sign-in did not share an email address, so we could not find or create your account. Ask your administrator to share the email claim.",
  unverifiedLink:
    "An account with this email address already exists, but its email address has not been verified, so we did not link it to your organisation's sign-in. Sign in with your password instead, or ask an administrator.",
  unverifiedProvider:
    "An account with this email address already exists, and your organisation's sign-in has not verified that the address is yours, so we did not link them. Sign in with your password instead.",
  suspended: "This account is suspended, so nobody was signed in. If you think this is a mistake, contact the association.",
  deleted: "The account linked to this sign-in was deleted. Ask an administrator if you want to come back.",
  busy: "Two sign-ins for the same account crossed. Try again.",
} as const;

function fallbackName(claims: MappedClaims): string {
  const parsed = DisplayNameSchema.safeParse(claims.displayName ?? "");
  if (parsed.success) return parsed.data;
  const local = (claims.email ?? "member")
    .split("@")[0]!
    .replace(/[^\p{L}\p{N} .'-]/gu, " ")
    .trim();
  const fromEmail = DisplayNameSchema.safeParse(local);
  return fromEmail.success ? fromEmail.data : "Member";
}

async function findLinkedUser(trx: Transaction<DB>, issuer: string, subject: string): Promise<User | undefined> {
  const identity = await trx.selectFrom("user_identities").select(["user_id"]).where("issuer", "=", issuer).where("subject", "=", subject).executeTakeFirst();
  return identity ? findUserById(trx, identity.user_id) : undefined;
}

/**
 * Signs a member in with claims an OpenID provider vouched for (the library has checked state,
 * nonce, PKCE and the ID token). Finds the account by provider identity; else links to an existing
 * account with the same email when both sides verified it; else creates a member. Roles change only
 * when a role map is configured, and never above what it grants; an admin is never demoted by a
 * claim (admins stay reachable by password).
 */
export async function signInWithOidc(
  db: Kysely<DB>,
  input: { issuer: string; claims: MappedClaims; rolesFromClaims: boolean; warn: ClaimWarning },
  now = new Date(),
): Promise<SignedIn & { outcome: "signed_in" | "linked" | "created" }> {
  const { issuer, claims } = input;
  if (!claims.subject || claims.subject.length > 255) throw new AppError("BAD_REQUEST", { userMessage: SSO_MESSAGES.noSubject });
  const questions = await listSegmentQuestions(db);
  const { answers, problems } = checkSegmentAnswers(questions, claims.segments);
  for (const problem of problems) input.warn(`segment claim ignored: ${problem}`);

  return db.transaction().execute(async (trx) => {
    let outcome: "signed_in" | "linked" | "created" = "signed_in";
    let user = await findLinkedUser(trx, issuer, claims.subject);
    if (!user) {
      if (!claims.email) throw new AppError("BAD_REQUEST", { userMessage: SSO_MESSAGES.noEmail });
      const existing = await findUserByEmail(trx, claims.email);
      if (existing) {
        if (existing.deleted_at) throw new AppError("FORBIDDEN", { userMessage: SSO_MESSAGES.deleted });
        if (!claims.emailVerified) throw new AppError("CONFLICT", { userMessage: SSO_MESSAGES.unverifiedProvider });
        if (!existing.email_verified_at) throw new AppError("CONFLICT", { userMessage: SSO_MESSAGES.unverifiedLink });
        user = existing;
        outcome = "linked";
      } else {
        const created = await insertUser(trx, {
          email: claims.email,
          display_name: fallbackName(claims),
          password_hash: null,
          role: "member",
          email_verified_at: claims.emailVerified ? now : null,
        });
        if (!created) throw new AppError("CONFLICT", { userMessage: SSO_MESSAGES.busy });
        user = created;
        outcome = "created";
        await appendAudit(trx, { actorId: user.id, action: "user.sign_up_sso", targetType: "user", targetId: user.id, after: { role: user.role } });
      }
      const linked = await trx
        .insertInto("user_identities")
        .values({ user_id: user.id, issuer, subject: claims.subject })
        .onConflict((oc) => oc.columns(["issuer", "subject"]).doNothing())
        .returning(["id"])
        .executeTakeFirst();
      if (!linked) throw new AppError("CONFLICT", { userMessage: SSO_MESSAGES.busy });
      if (outcome === "linked") await appendAudit(trx, { actorId: user.id, action: "user.sso_link", targetType: "user", targetId: user.id });
    }
    if (user.deleted_at) throw new AppError("FORBIDDEN", { userMessage: SSO_MESSAGES.deleted });
    if (user.suspended_at) throw new AppError("FORBIDDEN", { userMessage: SSO_MESSAGES.suspended });

    const changes: { email_verified_at?: Date; member_id?: string; role?: User["role"] } = {};
    if (claims.emailVerified && !user.email_verified_at && claims.email === user.email.toLowerCase()) changes.email_verified_at = now;
    if (claims.memberId && claims.memberId !== user.member_id) {
      const holder = await trx.selectFrom("users").select("id").where("member_id", "=", claims.memberId).executeTakeFirst();
      if (holder && holder.id !== user.id) input.warn("member id claim ignored: another account already holds that member id");
      else changes.member_id = claims.memberId;
    }
    if (input.rolesFromClaims) {
      const granted = claims.role ?? "member";
      if (granted !== user.role && user.role !== "admin") changes.role = granted;
    }
    if (Object.keys(changes).length > 0) {
      await trx
        .updateTable("users")
        .set({ ...changes, updated_at: sql`now()` })
        .where("id", "=", user.id)
        .execute();
      if (changes.role) {
        await appendAudit(trx, {
          actorId: null,
          action: "user.role_from_sso",
          targetType: "user",
          targetId: user.id,
          before: { role: user.role },
          after: { role: changes.role },
        });
      }
      user = { ...user, ...changes };
    }
    await setVerifiedSegmentAnswers(trx, user.id, answers, "sso");
    await trx.updateTable("user_identities").set({ last_sign_in_at: now }).where("issuer", "=", issuer).where("subject", "=", claims.subject).execute();
    const token = generateSessionToken();
    const session = await createSession(trx, token, user.id, now);
    return { token, session, user, outcome };
  });
}
