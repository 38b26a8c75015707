import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { DB, Kysely, Session, Transaction, User } from "@planpulse/db";
import { deleteSession, deleteUserSessions, findSessionWithUser, insertSession, updateSessionExpiry } from "./session-store";

type Executor = Kysely<DB> | Transaction<DB>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sliding lifetime: a session lives 30 days from its last renewal. */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Renewed when fewer than 15 days remain, so an active member is never signed out. */
export const SESSION_RENEW_THRESHOLD_MS = 15 * DAY_MS;
/** Absolute lifetime: however active, a session ends 90 days after sign-in. */
export const SESSION_ABSOLUTE_LIFETIME_MS = 90 * DAY_MS;

/** 20 random bytes (160 bits), base32: the only copy lives in the member's cookie. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Executor, token: string, userId: number, now = new Date()): Promise<Session> {
  return insertSession(db, {
    id: sessionIdFromToken(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
    createdAt: now,
  });
}

export type SessionValidation = { session: Session; user: User; renewed: boolean } | { session: null; user: null; renewed: false };

const NO_SESSION = { session: null, user: null, renewed: false } as const;

export async function validateSessionToken(db: Executor, token: string, now = new Date()): Promise<SessionValidation> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return NO_SESSION;
  const found = await findSessionWithUser(db, sessionIdFromToken(token));
  if (!found) return NO_SESSION;
  const { session, user } = found;
  const absoluteEnd = session.created_at.getTime() + SESSION_ABSOLUTE_LIFETIME_MS;
  if (now.getTime() >= session.expires_at.getTime() || now.getTime() >= absoluteEnd) {
    await deleteSession(db, session.id);
    return NO_SESSION;
  }
  if (session.expires_at.getTime() - now.getTime() < SESSION_RENEW_THRESHOLD_MS) {
    const expiresAt = new Date(Math.min(now.getTime() + SESSION_LIFETIME_MS, absoluteEnd));
    await updateSessionExpiry(db, session.id, expiresAt);
    return { session: { ...session, expires_at: expiresAt }, user, renewed: true };
  }
  return { session, user, renewed: false };
}

export function invalidateSession(db: Executor, sessionId: string): Promise<void> {
  return deleteSession(db, sessionId);
}

/** Ends every session of a user: on password change, suspension and account deletion. */
export function invalidateUserSessions(db: Executor, userId: number): Promise<void> {
  return deleteUserSessions(db, userId);
}
