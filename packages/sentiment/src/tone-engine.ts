import { buildLexicon, type IndexedLexicon, type LexiconOptions } from "./lexicon/build-lexicon";
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
  /** How the lexicons are merged; leaving it out shares one default lexicon between engines. */
  lexicon?: LexiconOptions;
}

let sharedLexicon: IndexedLexicon | undefined;

/**
 * Creates the default engine: VADER's human-rated lexicon (Hutto & Gilbert 2014) merged with
 * wink-eng-lite-web-model's and the library vocabulary, scored with this package's VADER-style rules.
 * The default lexicon is loaded on first use and shared between engines.
 */
export function createToneEngine(options: ToneEngineOptions = {}): ToneEngine {
  const lexicon = options.lexicon ? buildLexicon(options.lexicon) : (sharedLexicon ??= buildLexicon());
  const scorer = new ToneRuleScorer(lexicon, { ...DEFAULT_TONE_RULE_SETTINGS, ...options.settings });
  return {
    name: "vader+wink-lexicon+own-rules",
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
