import { describe, expect, it } from "vitest";
import { buildLexicon, DEFAULT_VADER_SHARE } from "./build-lexicon";
import { loadVaderLexicon } from "./vader-lexicon";
import { loadWinkLexicon } from "./wink-lexicon";

describe("buildLexicon merge of VADER and wink", () => {
  const vader = loadVaderLexicon();
  const wink = loadWinkLexicon();
  const merged = buildLexicon({ extra: new Map() }).entries;

  it("blends the two ratings where they agree in direction", () => {
    const [v, w] = [vader.get("love")!, wink.get("love")!];
    expect(Math.sign(v)).toBe(Math.sign(w));
    expect(merged.get("love")).toBeCloseTo(DEFAULT_VADER_SHARE * v + (1 - DEFAULT_VADER_SHARE) * w, 6);
  });

  it("takes VADER's rating where wink points the other way", () => {
    for (const word of ["keen", "screaming", "shameless"]) {
      const [v, w] = [vader.get(word)!, wink.get(word)!];
      expect(Math.sign(v)).not.toBe(Math.sign(w));
      expect(merged.get(word)).toBe(v);
    }
  });
});
