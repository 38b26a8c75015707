/** Sentiment class as the VADER paper assigns it: -1 negative, 0 neutral, 1 positive. */
export type ToneClass = -1 | 0 | 1;

/** Scores in [-1, 1] at or beyond ±0.05 count as polar (Hutto & Gilbert 2014, Table 4). */
export const NEUTRAL_BAND = 0.05;

export function classify(score: number): ToneClass {
  if (score >= NEUTRAL_BAND) return 1;
  if (score <= -NEUTRAL_BAND) return -1;
  return 0;
}

/**
 * Gold class of a mean rating on the raters' -4..4 scale, as the paper's Table 4 was computed: the sign
 * of the mean (neutral only when the raters cancel out exactly). The ±0.05 band applies to the
 * analyser's score only. Evidence: off-the-shelf `vader-sentiment` reproduces the paper's tweets row
 * (F1 0.96, precision 0.99, recall 0.94) this way (0.959 / 0.987 / 0.933), but scores 0.905 / 0.901 /
 * 0.909 if the band is also applied to mean/4, which calls |mean| < 0.2 neutral (see decision 009).
 */
export function classifyRating(mean: number): ToneClass {
  if (mean > 0) return 1;
  if (mean < 0) return -1;
  return 0;
}

/**
 * The stricter reading of the gold class (the ±0.05 band applied to mean/4 as well). Not how the
 * paper's anchors were computed; reported beside the main figures so the two can be told apart.
 */
export function classifyRatingBanded(mean: number): ToneClass {
  return classify(mean / 4);
}

/**
 * F1 per class, averaged with each class weighted by its share of the gold labels. A class with no
 * predictions (or no gold labels) has F1 0 there, which only matters when it has support.
 */
export function weightedF1(gold: readonly ToneClass[], predicted: readonly ToneClass[]): number {
  if (gold.length !== predicted.length) throw new Error("gold and predicted differ in length");
  if (gold.length === 0) return 0;
  let total = 0;
  for (const cls of [-1, 0, 1] as const) {
    let truePositive = 0;
    let goldCount = 0;
    let predictedCount = 0;
    for (let i = 0; i < gold.length; i += 1) {
      const isGold = gold[i] === cls;
      const isPredicted = predicted[i] === cls;
      if (isGold) goldCount += 1;
      if (isPredicted) predictedCount += 1;
      if (isGold && isPredicted) truePositive += 1;
    }
    if (goldCount === 0) continue;
    const f1 = truePositive === 0 ? 0 : (2 * truePositive) / (goldCount + predictedCount);
    total += f1 * goldCount;
  }
  return total / gold.length;
}

/** Pearson correlation; 0 when either side has no variance. */
export function pearson(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) throw new Error("series differ in length");
  const n = xs.length;
  if (n === 0) return 0;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i += 1) {
    meanX += xs[i]!;
    meanY += ys[i]!;
  }
  meanX /= n;
  meanY /= n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = xs[i]! - meanX;
    const dy = ys[i]! - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) return 0;
  return covariance / Math.sqrt(varianceX * varianceY);
}

export interface SetScore {
  f1: number;
  r: number;
  n: number;
}

export function evaluate(ratings: readonly number[], scores: readonly number[], goldClass: (mean: number) => ToneClass = classifyRating): SetScore {
  return {
    f1: weightedF1(ratings.map(goldClass), scores.map(classify)),
    r: pearson(scores, ratings),
    n: ratings.length,
  };
}
