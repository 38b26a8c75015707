import { invalidateSession } from "@planpulse/auth";
import type { DB, Kysely } from "@planpulse/db";

export async function signOut(db: Kysely<DB>, sessionId: string): Promise<void> {
  await invalidateSession(db, sessionId);
}
