import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createToneEngine } from "../tone-engine";
import { DEFAULT_TONE_RULE_SETTINGS, type ToneRuleSettings } from "../tone-rules";
import { locateDataDir } from "./ground-truth";
import { loadBenchSets, type LoadedSet } from "./load-bench-sets";
import { evaluate } from "./metrics";

/*
 * Coordinate search over the rule settings, scored on the tuning half of each set only: the
 * objective is the mean margin of F1 over the VADER anchor, plus a little of Pearson r.
 * Prints the best settings; copying them into DEFAULT_TONE_RULE_SETTINGS is a manual step.
 */

const CANDIDATES: { [K in keyof ToneRuleSettings]: number[] } = {
  valenceScale: [2, 3, 4, 5, 6],
  normalisation: [5, 10, 15, 20, 30, 50],
  negation: [-0.3, -0.5, -0.74, -0.9, -1],
  window: [2, 3, 4],
  beforeContrast: [0.25, 0.5, 0.75, 1],
  afterContrast: [1, 1.25, 1.5, 2],
  shoutBoost: [0, 0.4, 0.733, 1.2],
  exclamationBoost: [0, 0.15, 0.292, 0.5],
  questionBoost: [0, 0.18, 0.36],
  failedExpectation: [0, -0.75, -1.5, -2.5],
};

function objective(sets: readonly LoadedSet[], settings: ToneRuleSettings): number {
  const engine = createToneEngine({ settings });
  let total = 0;
  for (const set of sets) {
    const ratings: number[] = [];
    const scores: number[] = [];
    set.rows.forEach((row, i) => {
      if (set.half[i] !== "tuning") return;
      ratings.push(row.mean);
      scores.push(engine.score(row.text));
    });
    const { f1, r } = evaluate(ratings, scores);
    total += f1 - set.vaderF1 + 0.25 * r;
  }
  return total / sets.length;
}

function main(): void {
  const packageDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  const dataDir = locateDataDir(packageDir, process.env.SENTIMENT_DATA_DIR);
  if (!dataDir) {
    console.error("Ground truth not found; set SENTIMENT_DATA_DIR.");
    process.exit(1);
  }
  const sets = loadBenchSets(dataDir);
  let best: ToneRuleSettings = { ...DEFAULT_TONE_RULE_SETTINGS };
  let bestValue = objective(sets, best);
  console.log(`start ${bestValue.toFixed(4)}`);
  for (let round = 0; round < 3; round += 1) {
    let improved = false;
    for (const key of Object.keys(CANDIDATES) as Array<keyof ToneRuleSettings>) {
      for (const value of CANDIDATES[key]) {
        const trial = { ...best, [key]: value };
        const trialValue = objective(sets, trial);
        if (trialValue > bestValue + 1e-4) {
          best = trial;
          bestValue = trialValue;
          improved = true;
        }
      }
    }
    console.log(`round ${round + 1}: ${bestValue.toFixed(4)} ${JSON.stringify(best)}`);
    if (!improved) break;
  }
}

main();
