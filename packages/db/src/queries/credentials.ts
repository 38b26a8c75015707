import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Executor = Kysely<DB> | Transaction<DB>;

export async function setUserPasswordHash(db: Executor, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date() }).where("id", "=", userId).execute();
}

/** Ends every session of a user except the one making the request. */
export async function deleteOtherUserSessions(db: Executor, userId: number, keepSessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).where("id", "!=", keepSessionId).execute();
}
