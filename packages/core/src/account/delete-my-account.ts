import { randomUUID } from "node:crypto";
import { invalidateUserSessions, verifyPassword, findUserById } from "@planpulse/auth";
import type { DB, Kysely } from "@planpulse/db";
import { anonymiseUser } from "./queries";
import { appendAudit } from "../audit/append-audit";
import { deleteAllMemberAnswers } from "../segments/queries";
import { DELETE_CONFIRMATION_WORD } from "@planpulse/validators";
import { AppError } from "../errors";
import { assertMayActOn, lockAccountForChange, refuseLastActiveAdmin } from "../people/account-policy";

const WRONG_PASSWORD = "That password does not match your account.";
const TYPE_THE_WORD = `Type the word ${DELETE_CONFIRMATION_WORD} to confirm.`;

/**
 * Deletes a member's account the way members expect and the record needs: their name, email, password
 * and profile go; what they said and how they voted stays, shown as "Former member"; every session ends.
 */
export async function deleteMyAccount(db: Kysely<DB>, userId: number, confirm: { password?: string; confirmation?: string } | string): Promise<void> {
  const { password, confirmation } = typeof confirm === "string" ? { password: confirm, confirmation: undefined } : confirm;
  const user = await findUserById(db, userId);
  if (!user || user.deleted_at) throw new AppError("NOT_FOUND", { userMessage: "That account does not exist." });
  if (user.password_hash) {
    // A password account confirms with its password (a borrowed, signed-in browser is not enough).
    if (!password || !(await verifyPassword(user.password_hash, password))) {
      throw new AppError("BAD_REQUEST", { userMessage: WRONG_PASSWORD, fieldErrors: { password: [WRONG_PASSWORD] } });
    }
  } else if ((confirmation ?? "").trim().toLowerCase() !== DELETE_CONFIRMATION_WORD) {
    // No password to ask for (signed in by SSO, or imported and never set one): the member types the word.
    throw new AppError("BAD_REQUEST", { userMessage: TYPE_THE_WORD, fieldErrors: { confirmation: [TYPE_THE_WORD] } });
  }
  await db.transaction().execute(async (trx) => {
    const locked = await lockAccountForChange(trx, userId);
    assertMayActOn(locked, locked, "delete");
    await refuseLastActiveAdmin(trx, locked, "You are the last active administrator: make someone else an administrator before deleting your account.");
    // `.invalid` is reserved (RFC 2606): the placeholder can never receive mail, and the UUID keeps it unique.
    await anonymiseUser(trx, userId, `former-member-${userId}-${randomUUID()}@deleted.invalid`);
    await deleteAllMemberAnswers(trx, userId);
    await invalidateUserSessions(trx, userId);
    await appendAudit(trx, { actorId: userId, action: "member.delete_account", targetType: "user", targetId: userId });
  });
}
