import { createSession, generateSessionToken, verifyAgainstDummy, verifyPassword } from "@planpulse/auth";
import {
  clearAuthAttempts,
  countAuthAttemptsSince,
  findUserByEmail,
  pruneAuthAttempts,
  recordAuthAttempt,
  type DB,
  type Kysely,
} from "@planpulse/db";
import type { SignInInput } from "@planpulse/validators";
import { AppError } from "../errors";
import { PASSWORD_SIGN_IN_OFF_MESSAGE, passwordSignInAdminsOnly } from "../sso/password-policy";
import type { SignedIn } from "./sign-up";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;
export const WRONG_CREDENTIALS_MESSAGE = "That email and password do not match an account.";

/**
 * Signs a member in. Failures are counted per email and per IP over 15 minutes; an unknown email
 * costs the same hashing work as a wrong password and gets the same message.
 */
export async function signIn(db: Kysely<DB>, input: SignInInput & { ip: string }, now = new Date()): Promise<SignedIn> {
  const emailKey = `email:${input.email.trim().toLowerCase()}`;
  const ipKey = `ip:${input.ip}`;
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [emailFailures, ipFailures] = await Promise.all([
    countAuthAttemptsSince(db, emailKey, since),
    countAuthAttemptsSince(db, ipKey, since),
  ]);
  if (emailFailures >= MAX_FAILURES_PER_EMAIL || ipFailures >= MAX_FAILURES_PER_IP) {
    throw new AppError("TOO_MANY_REQUESTS", {
      userMessage: "Too many failed sign-in attempts. Wait 15 minutes and try again, or reset your password.",
    });
  }

  const user = await findUserByEmail(db, input.email);
  const valid = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    await recordAuthAttempt(db, [emailKey, ipKey]);
    if (Math.random() < 0.01) await pruneAuthAttempts(db, since);
    throw new AppError("UNAUTHORIZED", {
      userMessage: WRONG_CREDENTIALS_MESSAGE,
      fieldErrors: { password: [WRONG_CREDENTIALS_MESSAGE] },
    });
  }
  await clearAuthAttempts(db, [emailKey]);
  // OIDC_ONLY: told only after a correct password, so the answer never reveals who is an admin.
  if (passwordSignInAdminsOnly() && user.role !== "admin") {
    throw new AppError("FORBIDDEN", { userMessage: PASSWORD_SIGN_IN_OFF_MESSAGE });
  }
  const token = generateSessionToken();
  const session = await createSession(db, token, user.id, now);
  return { token, session, user };
}
