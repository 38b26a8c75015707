import { createSession, generateSessionToken, hashPassword } from "@planpulse/auth";
import { appendAudit, insertUser, type DB, type Kysely, type Role, type Session, type User } from "@planpulse/db";
import type { SignUpInput } from "@planpulse/validators";
import { AppError } from "../errors";
import { sendEmailVerification } from "./account-tokens";

export type SignedIn = { token: string; session: Session; user: User };

/**
 * Creates a member account and signs it in. With `origin` (the portal's, from the request), a
 * verification link is mailed in the same transaction; until it is used the member can read and
 * follow but not take part.
 */
export async function signUp(db: Kysely<DB>, input: SignUpInput, options: { role?: Role; origin?: string } = {}): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, {
      email: input.email,
      display_name: input.displayName,
      password_hash: passwordHash,
      role: options.role ?? "member",
    });
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
