import type { DB, Kysely, Session, Transaction, User } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// The sessions table's SQL (session.ts decides when to create, renew and end them).

export type SessionWithUser = { session: Session; user: User };

export async function insertSession(db: Executor, session: { id: string; userId: number; expiresAt: Date; createdAt?: Date }): Promise<Session> {
  return db
    .insertInto("sessions")
    .values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt, created_at: session.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findSessionWithUser(db: Executor, sessionId: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as session_id",
      "sessions.user_id as session_user_id",
      "sessions.expires_at as session_expires_at",
      "sessions.created_at as session_created_at",
    ])
    .selectAll("users")
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_id, session_user_id, session_expires_at, session_created_at, ...user } = row;
  return {
    session: { id: session_id, user_id: session_user_id, expires_at: session_expires_at, created_at: session_created_at },
    user,
  };
}

export async function updateSessionExpiry(db: Executor, sessionId: string, expiresAt: Date): Promise<void> {
  await db.updateTable("sessions").set({ expires_at: expiresAt }).where("id", "=", sessionId).execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function deleteUserSessions(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Ends every session of a user except the one making the request. */
export async function deleteOtherUserSessions(db: Executor, userId: number, keepSessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).where("id", "!=", keepSessionId).execute();
}
