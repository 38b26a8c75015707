import { buildLexicon, type IndexedLexicon } from "./lexicon/build-lexicon";
import { DEFAULT_TONE_RULE_SETTINGS, ToneRuleScorer, type ToneRuleSettings } from "./tone-rules";

/** Scores the tone of a text from -1 (hostile) through 0 (neutral) to 1 (warm). */
export interface ToneEngine {
  readonly name: string;
  /** Never throws; returns 0 for empty text and always a finite number in [-1, 1]. */
  score(text: string): number;
}

export interface ToneEngineOptions {
  /** Overrides for the rule settings, mainly for tuning experiments. */
  settings?: Partial<ToneRuleSettings>;
}

let sharedLexicon: IndexedLexicon | undefined;

/**
 * Creates the default engine: wink-eng-lite-web-model's sentiment lexicon plus library vocabulary,
 * scored with VADER-style rules. The lexicon is loaded on first use and shared between engines.
 */
export function createToneEngine(options: ToneEngineOptions = {}): ToneEngine {
  sharedLexicon ??= buildLexicon();
  const scorer = new ToneRuleScorer(sharedLexicon, { ...DEFAULT_TONE_RULE_SETTINGS, ...options.settings });
  return {
    name: "wink-lexicon+vader-rules",
    score(text: string): number {
      try {
        return scorer.score(text);
      } catch {
        return 0;
      }
    },
  };
}

let defaultEngine: ToneEngine | undefined;

/** Tone of `text` in [-1, 1] using a shared default engine. */
export function scoreTone(text: string): number {
  defaultEngine ??= createToneEngine();
  return defaultEngine.score(text);
}
