import { BENCH_SETS, readGroundTruth, type BenchSetKey, type RatedText } from "./ground-truth";
import { halfOf, type Half } from "./split";

export interface LoadedSet {
  key: BenchSetKey;
  label: string;
  vaderF1: number;
  vaderR: number;
  rows: RatedText[];
  half: Half[];
}

export function loadBenchSets(dataDir: string): LoadedSet[] {
  return BENCH_SETS.map((set) => {
    const rows = readGroundTruth(dataDir, set.file);
    return { ...set, rows, half: rows.map((row) => halfOf(set.key, row.id)) };
  });
}
