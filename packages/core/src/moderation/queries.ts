import type { DB, Kysely, ModerationSettings, Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// Moderation settings (one row) and the count that decides whether a comment is a first post.

export async function findModerationSettings(db: Executor): Promise<ModerationSettings> {
  const row = await db.selectFrom("moderation_settings").selectAll().where("id", "=", 1).executeTakeFirst();
  // The migration inserts the row; this fallback keeps a hand-made database from failing.
  return row ?? { id: 1, hold_first_posts: false, watch_words: [], updated_by: null, updated_at: new Date(0) };
}

export async function saveModerationSettings(
  db: Executor,
  settings: { holdFirstPosts: boolean; watchWords: string[]; updatedBy: number },
): Promise<ModerationSettings> {
  return db
    .insertInto("moderation_settings")
    .values({ id: 1, hold_first_posts: settings.holdFirstPosts, watch_words: settings.watchWords, updated_by: settings.updatedBy })
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({
        hold_first_posts: settings.holdFirstPosts,
        watch_words: settings.watchWords,
        updated_by: settings.updatedBy,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many of the author's comments are (still) visible: zero means a first post. */
export async function countVisibleCommentsByAuthor(db: Executor, authorId: number): Promise<number> {
  const row = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("author_id", "=", authorId)
    .where("status", "=", "visible")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
