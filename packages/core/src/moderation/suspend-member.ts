import { invalidateUserSessions } from "@planpulse/auth";
import { appendAudit, type DB, type Kysely } from "@planpulse/db";
import type { ReinstateMemberInput, SuspendMemberInput } from "@planpulse/validators";
import { AppError } from "../errors";
import type { Moderator } from "./moderate-comments";

/** Suspends a member: every session ends at once; they may sign in again to read, not to write. */
export async function suspendMember(db: Kysely<DB>, moderator: Moderator, input: SuspendMemberInput): Promise<{ suspended: true }> {
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "role", "suspended_at"]).where("id", "=", input.userId).forUpdate().executeTakeFirst();
    if (!user) throw new AppError("NOT_FOUND", { userMessage: "We could not find that member. Nothing was changed." });
    if (user.id === moderator.id) throw new AppError("FORBIDDEN", { userMessage: "You cannot suspend your own account." });
    if (user.role !== "member") {
      throw new AppError("FORBIDDEN", { userMessage: "Only member accounts can be suspended here; an administrator changes staff roles." });
    }
    if (user.suspended_at) throw new AppError("CONFLICT", { userMessage: "This member is already suspended. Nothing was changed." });
    await trx.updateTable("users").set({ suspended_at: now, updated_at: now }).where("id", "=", user.id).execute();
    await invalidateUserSessions(trx, user.id);
    await appendAudit(trx, {
      actorId: moderator.id,
      action: "user.suspend",
      targetType: "user",
      targetId: user.id,
      reason: input.reason,
      before: { suspended: false },
      after: { suspended: true, sessionsRevoked: true },
    });
    return { suspended: true as const };
  });
}

export async function reinstateMember(db: Kysely<DB>, moderator: Moderator, input: ReinstateMemberInput): Promise<{ suspended: false }> {
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "suspended_at"]).where("id", "=", input.userId).forUpdate().executeTakeFirst();
    if (!user) throw new AppError("NOT_FOUND", { userMessage: "We could not find that member. Nothing was changed." });
    if (!user.suspended_at) throw new AppError("CONFLICT", { userMessage: "This member is not suspended. Nothing was changed." });
    await trx.updateTable("users").set({ suspended_at: null, updated_at: now }).where("id", "=", user.id).execute();
    await appendAudit(trx, {
      actorId: moderator.id,
      action: "user.reinstate",
      targetType: "user",
      targetId: user.id,
      reason: input.note || null,
      before: { suspended: true, suspendedAt: user.suspended_at.toISOString() },
      after: { suspended: false },
    });
    return { suspended: false as const };
  });
}
