import type { DB, Kysely } from "@planpulse/db";
import { countComments, listCommentBodiesAfter, updateCommentTones } from "./comment-tones";
import { scoreTone } from "@planpulse/sentiment";

/** Re-scores every comment's tone in id-ordered batches; `onProgress` gets (done, total) after each batch. */
export async function recomputeCommentTones(
  db: Kysely<DB>,
  options: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ scored: number }> {
  const batchSize = options.batchSize ?? 2_000;
  const total = await countComments(db);
  let afterId = 0;
  let done = 0;
  for (;;) {
    const batch = await listCommentBodiesAfter(db, afterId, batchSize);
    if (batch.length === 0) break;
    await updateCommentTones(
      db,
      batch.map((c) => ({ id: c.id, tone: scoreTone(c.body) })),
    );
    afterId = batch[batch.length - 1]!.id;
    done += batch.length;
    options.onProgress?.(done, Math.max(total, done));
  }
  return { scored: done };
}
