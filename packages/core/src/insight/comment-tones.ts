import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// Comment tones: written when a comment is posted or edited, and rewritten by the tone recompute.

/** Writes a comment's tone and returns the whole row. */
export function updateCommentTone(db: Executor, commentId: number, tone: number) {
  return db.updateTable("comments").set({ tone }).where("id", "=", commentId).returningAll().executeTakeFirstOrThrow();
}

/** A page of comments for the tone recompute, in id order after `afterId`. */
export function listCommentBodiesAfter(db: Executor, afterId: number, limit: number) {
  return db.selectFrom("comments").select(["id", "body"]).where("id", ">", afterId).orderBy("id").limit(limit).execute();
}

/** Writes many tones in one statement. */
export async function updateCommentTones(db: Executor, tones: ReadonlyArray<{ id: number; tone: number }>): Promise<void> {
  if (tones.length === 0) return;
  const ids = tones.map((t) => t.id);
  const values = tones.map((t) => t.tone);
  await sql`
    update comments c set tone = v.tone
    from (select unnest(${ids}::int[]) as id, unnest(${values}::real[]) as tone) v
    where c.id = v.id and c.tone is distinct from v.tone`.execute(db);
}

export async function countComments(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
