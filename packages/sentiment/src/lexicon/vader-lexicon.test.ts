import { describe, expect, it } from "vitest";
import { loadVaderLexicon, parseVaderLexicon } from "./vader-lexicon";

describe("parseVaderLexicon", () => {
  it("rescales means from -4..4 to -1..1 and keeps the lower-case entry over other cases", () => {
    const lexicon = parseVaderLexicon("good\t1.9\t0.9\t[2, 2]\nLOL\t2.9\t0.8\t[3]\nlol\t1.8\t0.5\t[2]\n:D\t2.3\t1\t[2]\nhell\t-3.6\t0.6\t[-4]\n");
    expect(lexicon.get("good")).toBeCloseTo(0.475, 12);
    expect(lexicon.get("lol")).toBeCloseTo(0.45, 12);
    expect(lexicon.get(":d")).toBeCloseTo(0.575, 12);
    expect(lexicon.get("hell")).toBeCloseTo(-0.9, 12);
    expect(lexicon.size).toBe(4);
  });

  it("skips lines without a numeric mean", () => {
    expect(parseVaderLexicon("\nword\n\tx\t1\nbad\tNaN\t1\nok\t1\r\n").size).toBe(1);
  });
});

describe("loadVaderLexicon", () => {
  it("reads the data file that vader-sentiment ships", () => {
    const lexicon = loadVaderLexicon();
    expect(lexicon.size).toBeGreaterThan(7000);
    expect(lexicon.get("excellent")).toBeGreaterThan(0.5);
    expect(lexicon.get(":(")).toBeLessThan(0);
    for (const value of lexicon.values()) expect(Math.abs(value)).toBeLessThanOrEqual(1);
  });
});
