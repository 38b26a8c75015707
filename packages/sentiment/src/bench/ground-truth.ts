import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** One human-rated text: `mean` is the average of 20 raters on -4..4. */
export interface RatedText {
  id: string;
  mean: number;
  text: string;
}

export const BENCH_SETS = [
  { key: "tweets", file: "tweets_GroundTruth.txt", label: "Tweets", vaderF1: 0.96, vaderR: 0.881 },
  { key: "movie", file: "movieReviewSnippets_GroundTruth.txt", label: "Movie reviews", vaderF1: 0.61, vaderR: 0.451 },
  { key: "amazon", file: "amazonReviewSnippets_GroundTruth.txt", label: "Amazon reviews", vaderF1: 0.63, vaderR: 0.565 },
  { key: "nyt", file: "nytEditorialSnippets_GroundTruth.txt", label: "NYT editorials", vaderF1: 0.55, vaderR: 0.492 },
] as const;

export type BenchSetKey = (typeof BENCH_SETS)[number]["key"];

/**
 * Parses `id<TAB>mean<TAB>text` lines (CRLF or LF). Blank lines are skipped; a line whose mean is not
 * a number is an error, since silently dropping rated texts would flatter the figures.
 */
export function parseGroundTruth(content: string): RatedText[] {
  const rows: RatedText[] = [];
  const lines = content.split(/\r?\n/u);
  for (let n = 0; n < lines.length; n += 1) {
    const line = lines[n]!;
    if (line.trim() === "") continue;
    const firstTab = line.indexOf("\t");
    const secondTab = firstTab < 0 ? -1 : line.indexOf("\t", firstTab + 1);
    if (secondTab < 0) throw new Error(`line ${n + 1}: expected id<TAB>rating<TAB>text`);
    const mean = Number(line.slice(firstTab + 1, secondTab));
    if (!Number.isFinite(mean)) throw new Error(`line ${n + 1}: rating is not a number`);
    rows.push({ id: line.slice(0, firstTab), mean, text: line.slice(secondTab + 1) });
  }
  return rows;
}

/**
 * The ground-truth folder: `$SENTIMENT_DATA_DIR` if set, else `shared/bench/sentiment` beside the
 * repository folder, found by walking up from `startDir` to the folder holding pnpm-workspace.yaml.
 * Returns undefined when neither exists.
 */
export function locateDataDir(startDir: string, fromEnv: string | undefined): string | undefined {
  if (fromEnv) return existsSync(fromEnv) ? resolve(fromEnv) : undefined;
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) {
      const candidate = join(dir, "..", "shared", "bench", "sentiment");
      return existsSync(candidate) ? resolve(candidate) : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Root of the repository (the folder holding pnpm-workspace.yaml) above `startDir`. */
export function locateRepoRoot(startDir: string): string | undefined {
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export function readGroundTruth(dataDir: string, file: string): RatedText[] {
  return parseGroundTruth(readFileSync(join(dataDir, file), "utf8"));
}
