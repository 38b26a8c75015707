import { isUniqueViolation, type DB, type Kysely } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { searchActiveHandles } from "./queries";
import { handleProblem, HANDLE_MAX, normaliseHandle } from "@planpulse/validators";
import { AppError } from "../errors";
import { getOrganisationSettings } from "../organisation/organisation-settings";

export const HANDLE_TAKEN_MESSAGE = "That handle is taken: choose another";

function handleError(message: string): AppError {
  return new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { handle: [message] } });
}

/** The handle as it will be stored, or a field error (odd characters, length, reserved words, the organisation's short name). */
export async function checkHandle(db: Kysely<DB>, raw: string): Promise<string> {
  const { shortName } = await getOrganisationSettings(db);
  const problem = handleProblem(raw, shortName);
  if (problem) throw handleError(problem);
  return normaliseHandle(raw);
}

/** Turns the database's unique violation on users.handle into the field error (a race of two sign-ups lands here). */
export function rethrowTakenHandle(error: unknown): never {
  if (isUniqueViolation(error) && String((error as { constraint?: unknown }).constraint ?? "users_handle_key").includes("handle")) {
    throw new AppError("CONFLICT", { userMessage: HANDLE_TAKEN_MESSAGE, fieldErrors: { handle: [HANDLE_TAKEN_MESSAGE] } });
  }
  throw error;
}

/** A member changes their own @handle on /me. Old mentions keep pointing at them (they are stored by account). */
export async function changeMyHandle(db: Kysely<DB>, userId: number, raw: string): Promise<{ handle: string; changed: boolean }> {
  const handle = await checkHandle(db, raw);
  try {
    return await db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom("users").select(["handle", "deleted_at"]).where("id", "=", userId).forUpdate().executeTakeFirst();
      if (!current || current.deleted_at) throw new AppError("NOT_FOUND", { userMessage: "That account does not exist." });
      if (current.handle === handle) return { handle, changed: false };
      await trx.updateTable("users").set({ handle, updated_at: new Date() }).where("id", "=", userId).execute();
      await appendAudit(trx, {
        actorId: userId,
        action: "member.change_handle",
        targetType: "user",
        targetId: userId,
        before: { handle: current.handle },
        after: { handle },
      });
      return { handle, changed: true };
    });
  } catch (error) {
    return rethrowTakenHandle(error);
  }
}

export type MentionSuggestion = { handle: string; displayName: string };

/**
 * Handles starting with what the member typed after @, for the comment box's autocomplete. Only
 * active accounts: a suspended or deleted member is never listed.
 */
export async function suggestMentions(db: Kysely<DB>, prefix: string, limit = 8): Promise<MentionSuggestion[]> {
  const value = normaliseHandle(prefix);
  if (value.length === 0 || value.length > HANDLE_MAX || !/^[a-z0-9_-]+$/.test(value)) return [];
  return searchActiveHandles(db, value, Math.min(Math.max(limit, 1), 10));
}

/** The public card behind a mention link; a suspended, deleted or unknown handle is the same "not found". */
export async function getMemberByHandle(db: Kysely<DB>, raw: string): Promise<{ handle: string; displayName: string; isStaff: boolean }> {
  const handle = normaliseHandle(raw);
  const row = /^[a-z0-9_-]{3,30}$/.test(handle)
    ? await db
        .selectFrom("users")
        .select(["handle", "display_name", "role"])
        .where("handle", "=", handle)
        .where("suspended_at", "is", null)
        .where("deleted_at", "is", null)
        .executeTakeFirst()
    : undefined;
  if (!row?.handle) throw new AppError("NOT_FOUND", { userMessage: "There is no member with that handle." });
  return { handle: row.handle, displayName: row.display_name, isStaff: row.role !== "member" };
}
