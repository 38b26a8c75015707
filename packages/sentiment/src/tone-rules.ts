import type { IndexedLexicon } from "./lexicon/build-lexicon";
import { CONTRAST_WORDS, EXPECTATION_VERBS, INTENSITY_MODIFIERS, INTERJECTIONS, NEGATORS, SOFTENING_PHRASES } from "./lexicon/modifiers";
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
  negation: -0.9,
  window: 3,
  beforeContrast: 0.25,
  afterContrast: 1,
  shoutBoost: 1.2,
  exclamationBoost: 0.5,
  questionBoost: 0.18,
  failedExpectation: -2.5,
};

const SOFTENING_LAST_WORDS = new Set([...SOFTENING_PHRASES.keys()].map((phrase) => phrase.split(" ").at(-1)));

// Extra valence of a word after "never so" / "never this", on the word valence scale.
const NEVER_SO_BOOST = 0.5;

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
    tokenize(text, tokens, this.lexicon.symbols);
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
        // A negator or intensifier that has a tone of its own ("no", "damn", "super") keeps it when it
        // modifies nothing: "No and no.", "Damn you".
        if ((isNegator(word) || INTENSITY_MODIFIERS.has(word)) && !this.standsAlone(i)) continue;
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
      const emphasis = Math.min(tokens.exclamations, 4) * s.exclamationBoost + (tokens.questions > 1 ? Math.min(tokens.questions - 1, 3) * s.questionBoost : 0);
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
    // Only the "r" of a comparative such as "cuter" or "ruder" is dropped: dropping "-er" finds mostly
    // verbs inside nouns ("player" → "play", "killer" → "kill").
    if (n > 4 && word.endsWith("er")) return entries.get(word.slice(0, -1)) ?? 0;
    return 0;
  }

  /** True when token `i` has a lexicon value and the token after it, in the same clause, has none. */
  private standsAlone(i: number): boolean {
    const { entries } = this.lexicon;
    const tokens = this.tokens;
    if (!entries.has(tokens.text[i]!)) return false;
    if (i + 1 >= tokens.count || tokens.clauseStart[i + 1]) return true;
    return (entries.get(tokens.text[i + 1]!) ?? 0) === 0;
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
      if (tokens.clauseStart[j]) break;
    }
    return false;
  }

  private applyModifiers(i: number, v: number): number {
    const tokens = this.tokens;
    const s = this.settings;
    // Emoticons, emoji and laughter mean what they show, whatever words stand before them.
    if (tokens.kind[i] !== TokenKind.Word || INTERJECTIONS.has(tokens.text[i]!)) return v;
    let result = v;
    let negated = false;
    // Modifiers reach back within the clause only: "Nope, still clueless" is not negated.
    for (let back = 1; back <= s.window && i - back >= 0 && !tokens.clauseStart[i - back + 1]; back += 1) {
      const j = i - back;
      if (tokens.kind[j] !== TokenKind.Word) continue;
      const word = tokens.text[j]!;
      const modifier = INTENSITY_MODIFIERS.get(word) ?? this.softeningEndingAt(j);
      if (modifier !== undefined) {
        let boost = modifier * (REACH_DECAY[back - 1] ?? 0.8);
        if (tokens.shouted[j] && tokens.hasLowerCase) boost += Math.sign(modifier) * s.shoutBoost * 0.5;
        result += Math.sign(v) * boost;
      } else if (!negated && (isNegator(word) || this.isLeastBefore(j))) {
        // "never so good", "never been this happy" praise rather than deny.
        if (word === "never" && this.hasSoOrThis(j + 1, i)) result += Math.sign(v) * NEVER_SO_BOOST;
        else negated = true;
      }
    }
    return negated ? result * s.negation : result;
  }

  private hasSoOrThis(from: number, to: number): boolean {
    for (let k = from; k < to; k += 1) if (this.tokens.text[k] === "so" || this.tokens.text[k] === "this") return true;
    return false;
  }

  /** "least" as in "the least helpful" reverses, unlike "at least" or "the very least". */
  private isLeastBefore(j: number): boolean {
    if (this.tokens.text[j] !== "least") return false;
    const before = j > 0 ? this.tokens.text[j - 1] : undefined;
    return before !== "at" && before !== "very";
  }
}

function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}
