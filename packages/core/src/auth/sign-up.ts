import { createSession, generateSessionToken, hashPassword, insertUser } from "@planpulse/auth";
import type { DB, Kysely, Role, Session, User } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import type { SignUpInput } from "@planpulse/validators";
import { AppError } from "../errors";
import { assertStrongPassword } from "./password-strength";
import { reserveAttempt, THROTTLE_RULES, throttleKey } from "./throttle";
import { PASSWORD_SIGN_IN_OFF_MESSAGE, passwordSignInAdminsOnly } from "../sso/password-policy";
import { sendEmailVerification } from "./account-tokens";
import { checkHandle, rethrowTakenHandle } from "../mentions/handles";

export type SignedIn = { token: string; session: Session; user: User };

/**
 * Creates a member account and signs it in. Every attempt from an address counts against that
 * address's sign-up delay before anything else happens (taken email or not), so neither bulk
 * accounts nor probing which emails exist goes unlimited; both outcomes cost the same hashing work.
 * With `origin` (the portal's, from the request), a verification link is mailed in the same
 * transaction; until it is used the member can read and follow but not take part.
 */
export async function signUp(db: Kysely<DB>, input: SignUpInput & { ip: string }, options: { role?: Role; origin?: string } = {}): Promise<SignedIn> {
  if (passwordSignInAdminsOnly() && (options.role ?? "member") !== "admin") {
    throw new AppError("FORBIDDEN", { userMessage: PASSWORD_SIGN_IN_OFF_MESSAGE });
  }
  await reserveAttempt(db, [{ key: throttleKey("sign-up-address", input.ip), rule: THROTTLE_RULES.signUpAddress }], "sign-up");
  assertStrongPassword(input.password, [input.email, input.displayName]);
  // Left empty, the database makes a handle from the display name (migration 0065).
  const handle = input.handle ? await checkHandle(db, input.handle) : undefined;
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, {
      email: input.email,
      display_name: input.displayName,
      password_hash: passwordHash,
      role: options.role ?? "member",
      ...(handle ? { handle } : {}),
    }).catch(rethrowTakenHandle);
    if (!user) {
      throw new AppError("CONFLICT", {
        userMessage: "An account with this email already exists.",
        fieldErrors: { email: ["An account with this email already exists. Sign in instead?"] },
      });
    }
    await appendAudit(trx, { actorId: user.id, action: "user.sign_up", targetType: "user", targetId: user.id, after: { role: user.role } });
    if (options.origin) await sendEmailVerification(trx, user, options.origin);
    const token = generateSessionToken();
    const session = await createSession(trx, token, user.id);
    return { token, session, user };
  });
}
