import { randomUUID } from "node:crypto";
import { invalidateUserSessions, verifyPassword } from "@planpulse/auth";
import { anonymiseUser, appendAudit, deleteAllMemberAnswers, findUserById, type DB, type Kysely } from "@planpulse/db";
import { AppError } from "../errors";
import { assertMayActOn, lockAccountForChange, refuseLastActiveAdmin } from "../people/account-policy";

const WRONG_PASSWORD = "That password does not match your account.";

/**
 * Deletes a member's account the way members expect and the record needs: their name, email, password
 * and profile go; what they said and how they voted stays, shown as "Former member"; every session ends.
 */
export async function deleteMyAccount(db: Kysely<DB>, userId: number, password: string): Promise<void> {
  const user = await findUserById(db, userId);
  if (!user || user.deleted_at) throw new AppError("NOT_FOUND", { userMessage: "That account does not exist." });
  if (!user.password_hash || !(await verifyPassword(user.password_hash, password))) {
    throw new AppError("BAD_REQUEST", { userMessage: WRONG_PASSWORD, fieldErrors: { password: [WRONG_PASSWORD] } });
  }
  await db.transaction().execute(async (trx) => {
    const locked = await lockAccountForChange(trx, userId);
    assertMayActOn(locked, locked, "delete");
    await refuseLastActiveAdmin(
      trx,
      locked,
      "You are the last active administrator: make someone else an administrator before deleting your account.",
    );
    // `.invalid` is reserved (RFC 2606): the placeholder can never receive mail, and the UUID keeps it unique.
    await anonymiseUser(trx, userId, `former-member-${userId}-${randomUUID()}@deleted.invalid`);
    await deleteAllMemberAnswers(trx, userId);
    await invalidateUserSessions(trx, userId);
    await appendAudit(trx, { actorId: userId, action: "member.delete_account", targetType: "user", targetId: userId });
  });
}
