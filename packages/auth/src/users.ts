import { sql, type DB, type Kysely, type NewUser, type Transaction, type User } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// The users table's SQL: finding and creating accounts, a password change, the row lock that
// serialises one member's engagement writes.

export function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where(sql<string>`lower(email)`, "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Executor, id: number): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Inserts a user; resolves to undefined when the email is already taken (in any letter case). */
export async function insertUser(db: Executor, user: NewUser): Promise<User | undefined> {
  return db
    .insertInto("users")
    .values(user)
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function setUserPasswordHash(db: Executor, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date() }).where("id", "=", userId).execute();
}

/** Serialises a member's writes (priorities, stances): parallel transactions queue behind this row lock. */
export async function lockUserRow(trx: Transaction<DB>, userId: number): Promise<boolean> {
  const row = await trx.selectFrom("users").select("id").where("id", "=", userId).forUpdate().executeTakeFirst();
  return row !== undefined;
}
