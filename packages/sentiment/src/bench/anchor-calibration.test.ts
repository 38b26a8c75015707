import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { locateDataDir } from "./ground-truth";
import { loadBenchSets } from "./load-bench-sets";
import { classifyRatingBanded, evaluate } from "./metrics";

/*
 * Calibration of the bench itself: the paper's own analyser, run through our loader and metrics, must
 * land on the paper's tweets row (Hutto & Gilbert 2014, Table 4: F1 0.96, r 0.881). If it does not,
 * the bench measures something other than the anchors it compares against. `vader-sentiment` runs
 * here only; the engine never calls its code. Skipped when the ground truth is not on this machine.
 */
const require = createRequire(import.meta.url);
const vader = require("vader-sentiment") as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};
const packageDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const dataDir = locateDataDir(packageDir, process.env.SENTIMENT_DATA_DIR || undefined);

describe.skipIf(!dataDir)("bench calibration against the paper's tweets row", () => {
  it("scores vader-sentiment at the paper's F1 and r on the tweets", () => {
    const tweets = loadBenchSets(dataDir!).find((set) => set.key === "tweets")!;
    const ratings = tweets.rows.map((row) => row.mean);
    const scores = tweets.rows.map((row) => vader.SentimentIntensityAnalyzer.polarity_scores(row.text).compound);
    const result = evaluate(ratings, scores);
    expect(result.n).toBe(4200);
    expect(result.f1).toBeGreaterThanOrEqual(tweets.vaderF1 - 0.005);
    expect(Math.abs(result.r - tweets.vaderR)).toBeLessThan(0.005);
    // The banded gold reading is a different measure: VADER falls well short of its own anchor there.
    expect(evaluate(ratings, scores, classifyRatingBanded).f1).toBeLessThan(tweets.vaderF1 - 0.03);
  }, 60_000);
});
