import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createToneEngine, type ToneEngine } from "../tone-engine";
import { locateDataDir, locateRepoRoot, type BenchSetKey } from "./ground-truth";
import { loadBenchSets, type LoadedSet } from "./load-bench-sets";
import { classifyRatingBanded, evaluate, type SetScore } from "./metrics";

const CITATION = "Hutto, C.J. & Gilbert, E.E. (2014). VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text. ICWSM-14.";
const TIMING_RUNS = 5;

interface SetReport {
  set: LoadedSet;
  all: SetScore;
  heldOut: SetScore;
  /** All texts, gold class by the stricter banded reading (not the anchors' method). */
  banded: SetScore;
}

/** On a terminal, one status line rewritten in place; in CI logs, one line per step. */
function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${message}`);
  else if (message !== "") process.stderr.write(`${message}\n`);
}

function scoreSet(engine: ToneEngine, set: LoadedSet): SetReport {
  const scores = set.rows.map((row) => engine.score(row.text));
  const ratings = set.rows.map((row) => row.mean);
  const heldOut = set.half.flatMap((half, i) => (half === "held-out" ? [i] : []));
  return {
    set,
    all: evaluate(ratings, scores),
    heldOut: evaluate(
      heldOut.map((i) => ratings[i]!),
      heldOut.map((i) => scores[i]!),
    ),
    banded: evaluate(ratings, scores, classifyRatingBanded),
  };
}

/** Median texts per second over several single-threaded passes through every text. */
function measureThroughput(engine: ToneEngine, texts: readonly string[]): number {
  let sink = 0;
  for (const text of texts) sink += engine.score(text);
  const rates: number[] = [];
  for (let run = 1; run <= TIMING_RUNS; run += 1) {
    progress(`timing: pass ${run}/${TIMING_RUNS} over ${texts.length} texts`);
    const start = process.hrtime.bigint();
    for (const text of texts) sink += engine.score(text);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(texts.length / seconds);
  }
  progress("");
  if (!Number.isFinite(sink)) throw new Error("engine returned a non-finite score");
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

const fmt = (value: number): string => value.toFixed(3);
const pad = (text: string, width: number): string => text.padEnd(width);

function printTable(reports: readonly SetReport[], textsPerSecond: number, engineName: string): void {
  console.log(`\nTone engine "${engineName}" on the VADER ground-truth sets`);
  console.log(
    `Anchors and method: ${CITATION} (Table 4; 3-class F1 weighted by support; gold class = sign of the mean rating, predicted class = score with ±0.05 neutral band)\n`,
  );
  const header = [
    pad("set", 16),
    pad("n", 7),
    pad("F1", 7),
    pad("r", 7),
    pad("VADER F1 (r)", 14),
    pad("held-out n", 11),
    pad("F1", 7),
    pad("r", 7),
    "vs anchor",
  ].join(" ");
  console.log(header);
  console.log("-".repeat(header.length));
  for (const { set, all, heldOut } of reports) {
    const verdict = all.f1 >= set.vaderF1 ? "pass" : `FAIL (${fmt(all.f1 - set.vaderF1)})`;
    console.log(
      [
        pad(set.label, 16),
        pad(String(all.n), 7),
        pad(fmt(all.f1), 7),
        pad(fmt(all.r), 7),
        pad(`${set.vaderF1.toFixed(2)} (${set.vaderR.toFixed(3)})`, 14),
        pad(String(heldOut.n), 11),
        pad(fmt(heldOut.f1), 7),
        pad(fmt(heldOut.r), 7),
        verdict,
      ].join(" "),
    );
  }
  const banded = reports.map(({ set, banded }) => `${set.key} ${fmt(banded.f1)}`).join(", ");
  console.log(`\nstricter gold (±0.05 band on mean/4 too; vader-sentiment: tweets 0.905): ${banded}`);
  const speed = textsPerSecond >= 10_000 ? "pass" : "FAIL";
  console.log(
    `\nthroughput: ${Math.round(textsPerSecond).toLocaleString("en-US")} texts/s on one core (median of ${TIMING_RUNS} passes; target 10,000: ${speed})`,
  );
  console.log("held-out: the half of each set (by id hash) that tuning never looked at.\n");
}

function main(): void {
  if (process.argv.includes("--help")) {
    console.log("Usage: pnpm bench:sentiment\nThe tone engine against the four human-rated sets; writes bench/results/sentiment.json.");
    return;
  }
  const packageDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  const dataDir = locateDataDir(packageDir, process.env.SENTIMENT_DATA_DIR || undefined);
  const repoRoot = locateRepoRoot(packageDir);
  if (!dataDir || !repoRoot) {
    console.error(
      "Sentiment ground truth not found. Expected <repo>/../shared/bench/sentiment next to the repository " +
        "folder, or a folder named by SENTIMENT_DATA_DIR.",
    );
    process.exit(1);
  }

  progress("loading ground truth and lexicon…");
  const sets = loadBenchSets(dataDir);
  const engine = createToneEngine();
  engine.score("warm up");

  const reports = sets.map((set) => {
    progress(`scoring ${set.label} (${set.rows.length} texts)…`);
    return scoreSet(engine, set);
  });
  const texts = sets.flatMap((set) => set.rows.map((row) => row.text));
  const textsPerSecond = measureThroughput(engine, texts);

  printTable(reports, textsPerSecond, engine.name);

  const bySet = <T>(pick: (report: SetReport) => T): Record<BenchSetKey, T> =>
    Object.fromEntries(reports.map((report) => [report.set.key, pick(report)])) as Record<BenchSetKey, T>;
  const result = {
    sets: bySet((report) => report.all),
    textsPerSecond: Math.round(textsPerSecond),
    heldOut: bySet((report) => report.heldOut),
    bandedGold: bySet((report) => report.banded),
    engine: engine.name,
    anchors: bySet((report) => ({ f1: report.set.vaderF1, r: report.set.vaderR })),
    citation: CITATION,
    date: new Date().toISOString(),
  };
  const outFile = join(repoRoot, "bench", "results", "sentiment.json");
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${outFile}`);
}

main();
