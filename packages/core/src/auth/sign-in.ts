import {
  createSession,
  generateSessionToken,
  verifyAgainstDummy,
  verifyPassword,
  deleteThrottleRows,
  findThrottleRow,
  findUserByEmail,
  pruneThrottleRows,
  refundThrottleAttempt,
  upsertThrottleMark,
} from "@planpulse/auth";
import type { DB, Kysely, User } from "@planpulse/db";
import type { SignInInput } from "@planpulse/validators";
import { AppError } from "../errors";
import { PASSWORD_SIGN_IN_OFF_MESSAGE, passwordSignInAdminsOnly } from "../sso/password-policy";
import type { SignedIn } from "./sign-up";
import { KNOWN_PAIR_LIFETIME_MS, reserveAttempt, THROTTLE_RULES, throttleKey } from "./throttle";

export const WRONG_CREDENTIALS_MESSAGE = "That email and password do not match an account.";

/**
 * Checks an email and password under the sign-in delays. The attempt is reserved (counted) before
 * the password is hashed; a right password gives it back. An account's usual addresses (where it
 * signed in before) have their own count, so a stranger elsewhere can slow it only on new
 * addresses, and one address's failures never touch the accounts that know it. An unknown email
 * costs the same hashing work as a wrong password and gets the same answer.
 */
export async function verifyCredentials(db: Kysely<DB>, input: { email: string; password: string; ip: string }, now = new Date()): Promise<User | undefined> {
  const email = input.email.trim().toLowerCase();
  const pairKey = throttleKey("sign-in-pair", `${email}\n${input.ip}`);
  const accountKey = throttleKey("sign-in-account", email);
  const addressKey = throttleKey("sign-in-address", input.ip);
  const knownMark = await findThrottleRow(db, throttleKey("known-pair", `${email}\n${input.ip}`));
  const known = knownMark !== undefined && now.getTime() - knownMark.last_at.getTime() < KNOWN_PAIR_LIFETIME_MS;
  const entries = known
    ? [{ key: pairKey, rule: THROTTLE_RULES.signInKnownPair }]
    : [
        { key: accountKey, rule: THROTTLE_RULES.signInAccount },
        { key: addressKey, rule: THROTTLE_RULES.signInAddress },
      ];
  await reserveAttempt(db, entries, "sign-in", now);

  const user = await findUserByEmail(db, input.email);
  const valid = user?.password_hash ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);
  if (Math.random() < 0.01) await pruneThrottleRows(db, new Date(now.getTime() - KNOWN_PAIR_LIFETIME_MS));
  if (!user || !valid) return undefined;

  await deleteThrottleRows(db, known ? [pairKey] : [accountKey]);
  if (!known) await refundThrottleAttempt(db, [addressKey], now);
  await upsertThrottleMark(db, throttleKey("known-pair", `${email}\n${input.ip}`), now);
  return user;
}

/** Signs a member in (see {@link verifyCredentials} for the delays). */
export async function signIn(db: Kysely<DB>, input: SignInInput & { ip: string }, now = new Date()): Promise<SignedIn> {
  const user = await verifyCredentials(db, input, now);
  if (!user) {
    throw new AppError("UNAUTHORIZED", {
      userMessage: WRONG_CREDENTIALS_MESSAGE,
      fieldErrors: { password: [WRONG_CREDENTIALS_MESSAGE] },
    });
  }
  // OIDC_ONLY: told only after a correct password, so the answer never reveals who is an admin.
  if (passwordSignInAdminsOnly() && user.role !== "admin") {
    throw new AppError("FORBIDDEN", { userMessage: PASSWORD_SIGN_IN_OFF_MESSAGE });
  }
  const token = generateSessionToken();
  const session = await createSession(db, token, user.id, now);
  return { token, session, user };
}
