import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// Handles and mentions: who a handle names, the autocomplete, who a comment mentions.

/** Active (not suspended, not deleted) accounts holding these handles. */
export function findActiveUsersByHandles(db: Executor, handles: string[]): Promise<{ id: number; handle: string }[]> {
  if (handles.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("users")
    .select(["id", sql<string>`handle`.as("handle")])
    .where("handle", "in", handles)
    .where("suspended_at", "is", null)
    .where("deleted_at", "is", null)
    .execute();
}

/** Active members whose handle starts with the prefix, for the mention autocomplete. */
export function searchActiveHandles(db: Executor, prefix: string, limit: number): Promise<{ handle: string; displayName: string }[]> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .selectFrom("users")
    .select([sql<string>`handle`.as("handle"), "display_name as displayName"])
    .where("handle", "like", `${escaped}%`)
    .where("suspended_at", "is", null)
    .where("deleted_at", "is", null)
    .orderBy("handle")
    .limit(limit)
    .execute();
}

/** Records who a comment mentions; resolves to the ones it had not mentioned before (they are told). */
export async function addCommentMentions(db: Executor, commentId: number, userIds: number[]): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .insertInto("comment_mentions")
    .values(userIds.map((userId) => ({ comment_id: commentId, user_id: userId })))
    .onConflict((oc) => oc.columns(["comment_id", "user_id"]).doNothing())
    .returning("user_id")
    .execute();
  return rows.map((row) => row.user_id);
}

/** For each comment, the current handles of the active members it mentioned (what renders as a link). */
export async function listLinkedMentions(db: Executor, commentIds: number[]): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  if (commentIds.length === 0) return result;
  const rows = await db
    .selectFrom("comment_mentions as cm")
    .innerJoin("users as u", "u.id", "cm.user_id")
    .select(["cm.comment_id", sql<string>`u.handle`.as("handle")])
    .where("cm.comment_id", "in", commentIds)
    .where("u.suspended_at", "is", null)
    .where("u.deleted_at", "is", null)
    .execute();
  for (const row of rows) {
    const list = result.get(row.comment_id) ?? [];
    list.push(row.handle);
    result.set(row.comment_id, list);
  }
  return result;
}
