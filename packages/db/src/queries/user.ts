import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, NewUser, User } from "../schema";

type Executor = Kysely<DB> | Transaction<DB>;

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
