import { invalidateUserSessions } from "@planpulse/auth";
import { sql, type DB, type Kysely, type Role, type Transaction, type User } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { AppError } from "../errors";

/** What one account may do to another. Every path that suspends, reinstates, re-roles or deletes asks here. */
export type AccountAction = "suspend" | "reinstate" | "change_role" | "delete";

export type AccountActor = { id: number; role: Role; suspended_at?: Date | null; deleted_at?: Date | null };
type Target = Pick<User, "id" | "role" | "suspended_at" | "deleted_at">;

/**
 * The one policy for who may act on whom:
 * - a suspended or deleted account acts on nobody;
 * - moderators suspend and reinstate members only; they never change roles;
 * - administrators act on anyone, staff and other administrators included;
 * - nobody suspends themselves; anyone may delete their own account or give up a role, but the
 *   last active administrator may not (see {@link refuseLastActiveAdmin}).
 * Staff and leadership act on nobody.
 */
export function mayActOn(actor: AccountActor, target: Target, action: AccountAction): { ok: true } | { ok: false; message: string } {
  if (target.deleted_at) return { ok: false, message: "This account has been deleted; there is nothing to change." };
  const self = actor.id === target.id;
  // Deleting one's own data is the one thing a suspended account may still do.
  if (self && action === "delete") return { ok: true };
  if (actor.suspended_at || actor.deleted_at) return { ok: false, message: "Your account is suspended: it cannot act on other accounts." };
  if (self) {
    if (action === "change_role" && actor.role === "admin") return { ok: true };
    return { ok: false, message: action === "suspend" ? "You cannot suspend your own account." : "You cannot do this to your own account." };
  }
  if (action === "delete") return { ok: false, message: "Only the account holder can delete an account." };
  if (actor.role === "admin") return { ok: true };
  if (actor.role === "moderator" && (action === "suspend" || action === "reinstate")) {
    return target.role === "member"
      ? { ok: true }
      : { ok: false, message: "Moderators act on member accounts only; an administrator handles staff and administrator accounts." };
  }
  return { ok: false, message: "Your role cannot change other accounts." };
}

export function assertMayActOn(actor: AccountActor, target: Target, action: AccountAction): void {
  const verdict = mayActOn(actor, target, action);
  if (!verdict.ok) throw new AppError("FORBIDDEN", { userMessage: verdict.message });
}

/**
 * Locks the target for a change to who runs the plan. Every change that can remove an active
 * administrator (suspend, demote, delete) takes the same transaction-scoped lock first, so two
 * administrators demoting each other at once are serialised and the second sees the first's result.
 */
export async function lockAccountForChange(trx: Transaction<DB>, userId: number): Promise<User> {
  await sql`select pg_advisory_xact_lock(hashtext('people-admin-roles'))`.execute(trx);
  const user = await trx.selectFrom("users").selectAll().where("id", "=", userId).forUpdate().executeTakeFirst();
  if (!user) throw new AppError("NOT_FOUND", { userMessage: "There is no such account. Nothing was changed." });
  return user;
}

/** Refuses a change that would leave the plan with no active (not suspended, not deleted) administrator. */
export async function refuseLastActiveAdmin(trx: Transaction<DB>, target: Target, message: string): Promise<void> {
  if (target.role === "admin" && target.suspended_at === null && target.deleted_at === null && (await countActiveAdmins(trx)) <= 1) {
    throw new AppError("CONFLICT", { userMessage: message });
  }
}

export type SuspendAccountInput = { userId: number; reason: string };
/** How a caller wants a no-op answered: the moderation queue says so (409); the people page shrugs. */
export type WhenUnchanged = "conflict" | "ignore";

/**
 * Suspends an account: every session ends at once; the account keeps no power (see trpc.ts) and
 * may only export or delete its own data. Audit shape (`user.suspend`): reason, before
 * `{ suspended: false, role }`, after `{ suspended: true, sessionsRevoked: true }`.
 */
export async function suspendAccount(
  db: Kysely<DB>,
  actor: AccountActor,
  input: SuspendAccountInput,
  options: { whenUnchanged?: WhenUnchanged } = {},
): Promise<{ changed: boolean; suspended: true }> {
  return db.transaction().execute(async (trx) => {
    const user = await lockAccountForChange(trx, input.userId);
    assertMayActOn(actor, user, "suspend");
    if (user.suspended_at) {
      if (options.whenUnchanged === "conflict") throw new AppError("CONFLICT", { userMessage: "This account is already suspended. Nothing was changed." });
      return { changed: false, suspended: true as const };
    }
    await refuseLastActiveAdmin(trx, user, "This is the last active administrator and cannot be suspended.");
    const now = new Date();
    await trx.updateTable("users").set({ suspended_at: now, updated_at: now }).where("id", "=", user.id).execute();
    await invalidateUserSessions(trx, user.id);
    await appendAudit(trx, {
      actorId: actor.id,
      action: "user.suspend",
      targetType: "user",
      targetId: user.id,
      reason: input.reason,
      before: { suspended: false, role: user.role },
      after: { suspended: true, sessionsRevoked: true },
    });
    return { changed: true, suspended: true as const };
  });
}

export type ReinstateAccountInput = { userId: number; note?: string | undefined };

/** Lifts a suspension. Audit shape (`user.reinstate`): reason = note, before `{ suspended: true, suspendedAt }`, after `{ suspended: false }`. */
export async function reinstateAccount(
  db: Kysely<DB>,
  actor: AccountActor,
  input: ReinstateAccountInput,
  options: { whenUnchanged?: WhenUnchanged } = {},
): Promise<{ changed: boolean; suspended: false }> {
  return db.transaction().execute(async (trx) => {
    const user = await lockAccountForChange(trx, input.userId);
    assertMayActOn(actor, user, "reinstate");
    if (!user.suspended_at) {
      if (options.whenUnchanged === "conflict") throw new AppError("CONFLICT", { userMessage: "This account is not suspended. Nothing was changed." });
      return { changed: false, suspended: false as const };
    }
    const now = new Date();
    await trx.updateTable("users").set({ suspended_at: null, updated_at: now }).where("id", "=", user.id).execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: "user.reinstate",
      targetType: "user",
      targetId: user.id,
      reason: input.note || null,
      before: { suspended: true, suspendedAt: user.suspended_at.toISOString() },
      after: { suspended: false },
    });
    return { changed: true, suspended: false as const };
  });
}

function countActiveAdmins(db: Kysely<DB> | Transaction<DB>): Promise<number> {
  return db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("role", "=", "admin" satisfies Role)
    .where("suspended_at", "is", null)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}
