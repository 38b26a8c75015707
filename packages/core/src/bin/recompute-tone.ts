import { recomputeCommentTones } from "../insight/recompute-tone";
import { openDatabaseFromEnv } from "./open-database";
import { createProgressBar } from "./progress-bar";

const database = await openDatabaseFromEnv();
try {
  let bar: ReturnType<typeof createProgressBar> | undefined;
  const { scored } = await recomputeCommentTones(database.db, {
    onProgress: (done, total) => {
      bar ??= createProgressBar("Scoring comment tone", total);
      bar.update(done);
    },
  });
  bar?.done(scored);
  console.log(`Tone recomputed for ${scored.toLocaleString("en-US")} comment(s).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
