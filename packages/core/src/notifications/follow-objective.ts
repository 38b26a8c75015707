import type { DB, Kysely, Transaction } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { markUnfollowed, upsertFollow } from "./queries";
import type { FollowObjectiveInput } from "@planpulse/validators";
import { AppError } from "../errors";

async function objectiveIdBySlug(db: Kysely<DB>, slug: string): Promise<number> {
  const objective = await db.selectFrom("objectives").select("id").where("slug", "=", slug).where("retired_at", "is", null).executeTakeFirst();
  if (!objective) throw new AppError("NOT_FOUND", { userMessage: "We could not find that objective." });
  return objective.id;
}

/** The Follow / Unfollow button on an objective page. */
export async function setObjectiveFollow(db: Kysely<DB>, userId: number, input: FollowObjectiveInput): Promise<{ following: boolean }> {
  const objectiveId = await objectiveIdBySlug(db, input.slug);
  await db.transaction().execute(async (trx) => {
    if (input.follow) await upsertFollow(trx, userId, objectiveId, "explicit");
    else await markUnfollowed(trx, userId, objectiveId);
    await appendAudit(trx, {
      actorId: userId,
      action: input.follow ? "objective.follow" : "objective.unfollow",
      targetType: "objective",
      targetId: objectiveId,
    });
  });
  return { following: input.follow };
}

/**
 * Follows an objective after a vote or comment, unless the member explicitly unfollowed it before.
 * Safe inside the caller's transaction (one insert that ignores conflicts).
 */
export async function autoFollowObjective(db: Kysely<DB> | Transaction<DB>, userId: number, objectiveId: number, source: "vote" | "comment"): Promise<void> {
  await upsertFollow(db, userId, objectiveId, source);
}
