import { createTokenBuffer, tokenize } from "../tokenize";
import { CORRECTED_WORDS, GENERAL_ADDITIONS, IDENTITY_WORDS, NEUTRAL_WORDS } from "./general-vocabulary";
import { LIBRARY_VOCABULARY } from "./library-vocabulary";
import { loadVaderLexicon } from "./vader-lexicon";
import { loadWinkLexicon, type Lexicon } from "./wink-lexicon";

/** Lexicon entries keyed by phrase, plus the longest phrase that starts with each first word. */
export interface IndexedLexicon {
  entries: Lexicon;
  longestPhraseFrom: Map<string, number>;
  /**
   * Entries the word tokenizer would split, such as "o_o", ":s" or "</3": they are recognised only as
   * a whole whitespace-delimited chunk of text.
   */
  symbols: ReadonlySet<string>;
}

export interface LexiconOptions {
  /** Vocabulary applied last, over everything else. */
  extra?: ReadonlyMap<string, number>;
  /**
   * Weight of VADER's rating where VADER and wink both rate a word in the same direction: 1 takes
   * VADER's, 0 wink's, values between blend them. Where they point different ways VADER's stands.
   * `vader: false` leaves VADER out entirely.
   */
  vaderShare?: number;
  vader?: boolean;
  /**
   * Factor on wink's rating of a word VADER does not rate. Wink rates many everyday words ("go",
   * "works", "right") that VADER's raters left neutral.
   */
  winkOnlyWeight?: number;
}

export const DEFAULT_VADER_SHARE = 0.5;
export const DEFAULT_WINK_ONLY_WEIGHT = 0.25;

/**
 * Joins VADER's human-rated lexicon with wink's, then the general and library vocabularies (later
 * sources win on conflicts), drops neutralised words, and indexes phrases and symbol entries.
 */
export function buildLexicon(options: LexiconOptions = {}): IndexedLexicon {
  const { extra = LIBRARY_VOCABULARY, vaderShare = DEFAULT_VADER_SHARE, vader = true, winkOnlyWeight = DEFAULT_WINK_ONLY_WEIGHT } = options;
  const entries: Lexicon = new Map();
  for (const [phrase, value] of loadWinkLexicon()) {
    const key = normalisePhrase(phrase);
    // Zero-valued multi-word entries in wink ("no good", "kind of") mark phrases whose tone wink works
    // out elsewhere; here negation and softening rules handle them, so they must not mask the words.
    if (key === "" || (value === 0 && key.includes(" "))) continue;
    if (!entries.has(key)) entries.set(key, value);
  }
  for (const word of NEUTRAL_WORDS) entries.delete(word);
  if (vader) {
    const rated = new Map<string, number>();
    for (const [phrase, value] of loadVaderLexicon()) {
      const key = normalisePhrase(phrase);
      if (key !== "") rated.set(key, value);
    }
    for (const [key, wink] of entries) if (!rated.has(key)) entries.set(key, wink * winkOnlyWeight);
    for (const [key, value] of rated) {
      const wink = entries.get(key);
      // Where the two disagree on the direction ("keen", "screaming", "shameless"), wink's rating is
      // usually for a rarer sense, and VADER's raters read the word as people use it.
      const agree = wink !== undefined && Math.sign(wink) === Math.sign(value);
      entries.set(key, agree ? vaderShare * value + (1 - vaderShare) * wink : value);
    }
  }
  for (const word of IDENTITY_WORDS) entries.delete(word);
  for (const source of [GENERAL_ADDITIONS, CORRECTED_WORDS, extra]) {
    for (const [phrase, value] of source) entries.set(normalisePhrase(phrase), value);
  }
  return indexLexicon(entries);
}

/** Adds the phrase index and the set of symbol entries to a finished lexicon. */
export function indexLexicon(entries: Lexicon): IndexedLexicon {
  const longestPhraseFrom = new Map<string, number>();
  const symbols = new Set<string>();
  const buffer = createTokenBuffer();
  for (const key of entries.keys()) {
    const words = key.split(" ");
    if (words.length > 1) {
      const first = words[0]!;
      longestPhraseFrom.set(first, Math.max(longestPhraseFrom.get(first) ?? 0, words.length));
      continue;
    }
    tokenize(key, buffer);
    if (buffer.count !== 1 || buffer.text[0] !== key) symbols.add(key);
  }
  return { entries, longestPhraseFrom, symbols };
}

// The tokenizer drops hyphens and dashes, so "able-bodied" and "able - bodied" are stored as
// "able bodied". Entries that are not words (emoticons such as ">-:") are kept as written.
function normalisePhrase(phrase: string): string {
  const lower = phrase.toLowerCase();
  if (!/^[\p{L}\p{N}'’ -]+$/u.test(lower)) return lower.trim();
  return lower
    .replaceAll(/(?<=\p{L})-(?=\p{L})/gu, " ")
    .split(" ")
    .filter((word) => word !== "" && !/^[-–—]+$/u.test(word))
    .join(" ");
}
