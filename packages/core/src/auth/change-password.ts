import { hashPassword, verifyPassword, deleteOtherUserSessions, findUserById, setUserPasswordHash } from "@planpulse/auth";
import type { DB, Kysely } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import type { ChangePasswordInput } from "@planpulse/validators";
import { AppError } from "../errors";
import { assertStrongPassword } from "./password-strength";

const WRONG_PASSWORD = "That is not your current password.";

/**
 * Changes a member's password after checking the current one. Every other session ends (a thief's
 * copy of an old cookie stops working); the session that made the change stays signed in.
 */
export async function changePassword(db: Kysely<DB>, actor: { userId: number; sessionId: string }, input: ChangePasswordInput): Promise<void> {
  const user = await findUserById(db, actor.userId);
  if (!user || user.deleted_at) throw new AppError("NOT_FOUND", { userMessage: "That account does not exist." });
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError("BAD_REQUEST", { userMessage: WRONG_PASSWORD, fieldErrors: { currentPassword: [WRONG_PASSWORD] } });
  }
  assertStrongPassword(input.newPassword, [user.email, user.display_name], "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await setUserPasswordHash(trx, user.id, passwordHash);
    await deleteOtherUserSessions(trx, user.id, actor.sessionId);
    await appendAudit(trx, { actorId: user.id, action: "member.change_password", targetType: "user", targetId: user.id });
  });
}
