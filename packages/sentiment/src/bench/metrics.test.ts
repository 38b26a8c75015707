import { describe, expect, it } from "vitest";
import { classify, classifyRating, classifyRatingBanded, evaluate, pearson, weightedF1, type ToneClass } from "./metrics";

describe("classify", () => {
  it("uses the ±0.05 band on the analyser's [-1, 1] score", () => {
    expect([0.05, 0.049, 0, -0.049, -0.05].map(classify)).toEqual([1, 0, 0, 0, -1]);
  });
});

describe("classifyRating", () => {
  it("takes the sign of the mean rating, as the paper's anchors do", () => {
    expect([0.2, 0.05, 0.01, 0, -0.01, -0.05, -0.2].map(classifyRating)).toEqual([1, 1, 1, 0, -1, -1, -1]);
  });

  it("keeps the stricter banded reading available (neutral for |mean| < 0.2)", () => {
    expect([0.2, 0.19, 0, -0.19, -0.2].map(classifyRatingBanded)).toEqual([1, 0, 0, 0, -1]);
  });
});

describe("weightedF1", () => {
  it("is 1 for perfect predictions", () => {
    expect(weightedF1([1, 0, -1], [1, 0, -1])).toBe(1);
  });

  it("matches a hand-computed example", () => {
    // gold: 3 positive, 1 neutral, 2 negative; predicted below.
    const gold: ToneClass[] = [1, 1, 1, 0, -1, -1];
    const predicted: ToneClass[] = [1, 1, 0, 0, -1, 1];
    // positive: tp 2, gold 3, pred 3 -> 4/6; neutral: tp 1, gold 1, pred 2 -> 2/3;
    // negative: tp 1, gold 2, pred 1 -> 2/3. Weighted: (3*2/3 + 1*2/3 + 2*2/3) / 6 = 2/3.
    expect(weightedF1(gold, predicted)).toBeCloseTo(2 / 3, 12);
  });

  it("weights by support, not by class", () => {
    // positive: tp 3 of gold 3, pred 4 -> 6/7; neutral: tp 0 -> 0 (support 1).
    expect(weightedF1([1, 1, 1, 0], [1, 1, 1, 1])).toBeCloseTo((3 * (6 / 7)) / 4, 12);
  });

  it("rejects mismatched lengths", () => {
    expect(() => weightedF1([1], [])).toThrow();
  });
});

describe("pearson", () => {
  it("is ±1 for exact linear relations", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it("matches a hand-computed value", () => {
    // x mean 2.5, y mean 3; dx = -1.5 -0.5 0.5 1.5, dy = -1 1 -2 2;
    // Σdxdy = 1.5 - 0.5 - 1 + 3 = 3, Σdx² = 5, Σdy² = 10 -> 3 / sqrt(50).
    expect(pearson([1, 2, 3, 4], [2, 4, 1, 5])).toBeCloseTo(3 / Math.sqrt(50), 12);
  });

  it("is 0 without variance", () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});

describe("evaluate", () => {
  it("classifies ratings on the -4..4 scale and scores on -1..1", () => {
    const result = evaluate([4, -4, 0], [0.9, -0.9, 0]);
    expect(result).toEqual({ f1: 1, r: expect.closeTo(1, 12), n: 3 });
  });

  it("counts a faint gold rating as polar unless the banded reading is asked for", () => {
    // Mean 0.1 on -4..4: positive by sign, neutral under the band; a score of 0.3 is positive.
    expect(evaluate([0.1, -4], [0.3, -0.9]).f1).toBe(1);
    expect(evaluate([0.1, -4], [0.3, -0.9], classifyRatingBanded).f1).toBeLessThan(1);
  });
});
