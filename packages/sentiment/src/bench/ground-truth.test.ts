import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locateDataDir, parseGroundTruth } from "./ground-truth";
import { halfOf } from "./split";

describe("parseGroundTruth", () => {
  it("reads CRLF lines with tabs, keeping tabs and quotes inside the text", () => {
    const sample = "1\t2.26666666667\tThe Rock is ''great''\r\n1_2\t-0.15\trepost\twith tab\r\n\r\n3\t0\tlast line";
    expect(parseGroundTruth(sample)).toEqual([
      { id: "1", mean: 2.26666666667, text: "The Rock is ''great''" },
      { id: "1_2", mean: -0.15, text: "repost\twith tab" },
      { id: "3", mean: 0, text: "last line" },
    ]);
  });

  it("rejects malformed lines instead of dropping them", () => {
    expect(() => parseGroundTruth("1\tnot-a-number\ttext\r\n")).toThrow(/line 1/);
    expect(() => parseGroundTruth("ok\t1\tfine\r\nbroken line\r\n")).toThrow(/line 2/);
  });
});

describe("locateDataDir", () => {
  it("finds shared/bench/sentiment beside the repository folder", () => {
    const root = mkdtempSync(join(tmpdir(), "tone-"));
    const repo = join(root, "clone");
    const pkg = join(repo, "packages", "sentiment");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(repo, "pnpm-workspace.yaml"), "packages: []\n");
    expect(locateDataDir(pkg, undefined)).toBeUndefined();
    mkdirSync(join(root, "shared", "bench", "sentiment"), { recursive: true });
    expect(locateDataDir(pkg, undefined)).toBe(join(root, "shared", "bench", "sentiment"));
    expect(locateDataDir(pkg, join(root, "missing"))).toBeUndefined();
  });
});

describe("halfOf", () => {
  it("is deterministic and splits roughly evenly", () => {
    expect(halfOf("tweets", "17")).toBe(halfOf("tweets", "17"));
    let tuning = 0;
    for (let i = 0; i < 2000; i += 1) if (halfOf("movie", String(i)) === "tuning") tuning += 1;
    expect(tuning).toBeGreaterThan(900);
    expect(tuning).toBeLessThan(1100);
  });
});
