import type { IndexedLexicon } from "./lexicon/build-lexicon";
import {
  CONTRAST_WORDS,
  EXPECTATION_VERBS,
  INTENSITY_MODIFIERS,
  NEGATORS,
  SOFTENING_PHRASES,
} from "./lexicon/modifiers";
import { createTokenBuffer, tokenize, TokenKind, type TokenBuffer } from "./tokenize";

/** Knobs of the rule-based scorer. Defaults were chosen on the tuning half of the benchmark only. */
export interface ToneRuleSettings {
  /** Lexicon values (-1..1) are multiplied by this to get a word's valence. */
  valenceScale: number;
  /** The summed valence s becomes s / sqrt(s² + normalisation); larger values give milder scores. */
  normalisation: number;
  /** Factor applied to a word's valence when a negator precedes it within `window` tokens. */
  negation: number;
  /** How many tokens back a negator or intensifier can reach. */
  window: number;
  /** Weight of words before / after a contrast word ("but") in the same text. */
  beforeContrast: number;
  afterContrast: number;
  /** Valence added, in the word's direction, to a sentiment word written in capitals. */
  shoutBoost: number;
  /** Valence added per "!" (at most four), in the direction of the total. */
  exclamationBoost: number;
  /** Valence added per "?" beyond the first (at most three), in the direction of the total. */
  questionBoost: number;
  /** Valence of a negated expectation verb with no tone of its own: "it doesn't work". */
  failedExpectation: number;
}

export const DEFAULT_TONE_RULE_SETTINGS: Readonly<ToneRuleSettings> = {
  valenceScale: 4,
  normalisation: 15,
  negation: -0.5,
  window: 3,
  beforeContrast: 0.5,
  afterContrast: 1.5,
  shoutBoost: 0.733,
  exclamationBoost: 0.292,
  questionBoost: 0.18,
  failedExpectation: -2.5,
};

const SOFTENING_LAST_WORDS = new Set([...SOFTENING_PHRASES.keys()].map((phrase) => phrase.split(" ").at(-1)));

// Intensifiers lose some reach with each token between them and the word they modify.
const REACH_DECAY = [1, 0.95, 0.9, 0.85, 0.8];

/**
 * Scores text in the manner of VADER (Hutto & Gilbert 2014): sum word valences, adjusted for
 * negation, intensifiers, contrast, capitals and punctuation, then squash the sum into (-1, 1).
 */
export class ToneRuleScorer {
  private readonly tokens: TokenBuffer = createTokenBuffer();
  private readonly valence: number[] = [];

  constructor(
    private readonly lexicon: IndexedLexicon,
    private readonly settings: Readonly<ToneRuleSettings> = DEFAULT_TONE_RULE_SETTINGS,
  ) {}

  score(text: string): number {
    if (typeof text !== "string" || text.length === 0) return 0;
    const tokens = this.tokens;
    tokenize(text, tokens);
    if (tokens.count === 0) return 0;

    const s = this.settings;
    const valence = this.valence;
    let contrastAt = -1;
    for (let i = 0; i < tokens.count; i += 1) valence[i] = 0;

    for (let i = 0; i < tokens.count; i += 1) {
      const word = tokens.text[i]!;
      if (tokens.kind[i] === TokenKind.Word) {
        if (CONTRAST_WORDS.has(word)) {
          contrastAt = i;
          continue;
        }
        if (isNegator(word) || INTENSITY_MODIFIERS.has(word)) continue;
        if (i + 1 < tokens.count && SOFTENING_PHRASES.has(`${word} ${tokens.text[i + 1]}`)) {
          i += 1;
          continue;
        }
      }
      const found = this.lookUp(i);
      if (found.value === 0) {
        if (EXPECTATION_VERBS.has(word) && this.isNegated(i)) valence[i] = s.failedExpectation;
        continue;
      }
      let v = found.value * s.valenceScale;
      if (tokens.shouted[i] && tokens.hasLowerCase) v += Math.sign(v) * s.shoutBoost;
      v = this.applyModifiers(i, v);
      valence[i] = v;
      i += found.length - 1;
    }

    let sum = 0;
    for (let i = 0; i < tokens.count; i += 1) {
      let v = valence[i]!;
      if (contrastAt >= 0) v *= i < contrastAt ? s.beforeContrast : s.afterContrast;
      sum += v;
    }
    if (sum !== 0) {
      const emphasis =
        Math.min(tokens.exclamations, 4) * s.exclamationBoost +
        (tokens.questions > 1 ? Math.min(tokens.questions - 1, 3) * s.questionBoost : 0);
      sum += Math.sign(sum) * emphasis;
    }
    const squashed = sum / Math.sqrt(sum * sum + s.normalisation);
    if (!Number.isFinite(squashed)) return 0;
    return Math.max(-1, Math.min(1, squashed));
  }

  private readonly match = { value: 0, length: 1 };

  /** Longest lexicon entry starting at token `i`; reuses one result object. */
  private lookUp(i: number): { value: number; length: number } {
    const tokens = this.tokens;
    const { entries, longestPhraseFrom } = this.lexicon;
    const word = tokens.text[i]!;
    const match = this.match;
    match.length = 1;
    const longest = Math.min(longestPhraseFrom.get(word) ?? 1, tokens.count - i);
    if (longest > 1) {
      let phrase = word;
      let best = 0;
      let bestValue = 0;
      for (let n = 2; n <= longest; n += 1) {
        phrase += ` ${tokens.text[i + n - 1]}`;
        const value = entries.get(phrase);
        if (value !== undefined) {
          best = n;
          bestValue = value;
        }
      }
      if (best > 0) {
        match.value = bestValue;
        match.length = best;
        return match;
      }
    }
    match.value = entries.get(word) ?? (tokens.kind[i] === TokenKind.Word ? this.lookUpStem(word) : 0);
    return match;
  }

  /** Plural, possessive, comparative and superlative forms fall back to the base word. */
  private lookUpStem(word: string): number {
    const entries = this.lexicon.entries;
    const n = word.length;
    if (word.endsWith("'s")) return entries.get(word.slice(0, -2)) ?? 0;
    if (n > 3 && word.endsWith("s") && !word.endsWith("ss")) return entries.get(word.slice(0, -1)) ?? 0;
    if (n > 5 && word.endsWith("iest")) return entries.get(`${word.slice(0, -4)}y`) ?? 0;
    if (n > 4 && word.endsWith("ier")) return entries.get(`${word.slice(0, -3)}y`) ?? 0;
    if (n > 5 && word.endsWith("est")) return entries.get(word.slice(0, -3)) ?? entries.get(word.slice(0, -2)) ?? 0;
    if (n > 4 && word.endsWith("er")) return entries.get(word.slice(0, -2)) ?? entries.get(word.slice(0, -1)) ?? 0;
    return 0;
  }

  /** Value of a two-word softener ("kind of") whose second word is token `j`. */
  private softeningEndingAt(j: number): number | undefined {
    if (j < 1 || !SOFTENING_LAST_WORDS.has(this.tokens.text[j]!)) return undefined;
    return SOFTENING_PHRASES.get(`${this.tokens.text[j - 1]} ${this.tokens.text[j]}`);
  }

  private isNegated(i: number): boolean {
    const tokens = this.tokens;
    for (let back = 1; back <= this.settings.window && i - back >= 0; back += 1) {
      const j = i - back;
      if (tokens.kind[j] === TokenKind.Word && isNegator(tokens.text[j]!)) return true;
    }
    return false;
  }

  private applyModifiers(i: number, v: number): number {
    const tokens = this.tokens;
    const s = this.settings;
    let result = v;
    let negated = false;
    for (let back = 1; back <= s.window && i - back >= 0; back += 1) {
      const j = i - back;
      if (tokens.kind[j] !== TokenKind.Word) continue;
      const word = tokens.text[j]!;
      const modifier = INTENSITY_MODIFIERS.get(word) ?? this.softeningEndingAt(j);
      if (modifier !== undefined) {
        let boost = modifier * (REACH_DECAY[back - 1] ?? 0.8);
        if (tokens.shouted[j] && tokens.hasLowerCase) boost += Math.sign(modifier) * s.shoutBoost * 0.5;
        result += Math.sign(v) * boost;
      } else if (!negated && isNegator(word)) {
        negated = true;
      }
    }
    return negated ? result * s.negation : result;
  }
}

function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}
