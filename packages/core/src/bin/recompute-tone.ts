import { recomputeCommentTones } from "../insight/recompute-tone";
import { commandLine } from "./command-line";
import { openDatabaseFromEnv } from "./open-database";
import { createProgressBar } from "./progress-bar";

commandLine("Usage: pnpm db:tone:recompute\nRe-scores the tone of every comment, with a progress bar.", {});

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
