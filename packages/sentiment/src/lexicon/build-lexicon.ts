import { CORRECTED_WORDS, GENERAL_ADDITIONS, NEUTRAL_WORDS } from "./general-vocabulary";
import { LIBRARY_VOCABULARY } from "./library-vocabulary";
import { loadWinkLexicon, type Lexicon } from "./wink-lexicon";

/** Lexicon entries keyed by phrase, plus the longest phrase that starts with each first word. */
export interface IndexedLexicon {
  entries: Lexicon;
  longestPhraseFrom: Map<string, number>;
}

/**
 * Joins wink's lexicon with the general and library vocabularies (later sources win on conflicts),
 * drops neutralised words, and indexes phrases.
 */
export function buildLexicon(extra: ReadonlyMap<string, number> = LIBRARY_VOCABULARY): IndexedLexicon {
  const entries: Lexicon = new Map();
  for (const [phrase, value] of loadWinkLexicon()) {
    const key = normalisePhrase(phrase);
    // Zero-valued multi-word entries in wink ("no good", "kind of") mark phrases whose tone wink works
    // out elsewhere; here negation and softening rules handle them, so they must not mask the words.
    if (key === "" || (value === 0 && key.includes(" "))) continue;
    if (!entries.has(key)) entries.set(key, value);
  }
  for (const word of NEUTRAL_WORDS) entries.delete(word);
  for (const source of [GENERAL_ADDITIONS, CORRECTED_WORDS, extra]) {
    for (const [phrase, value] of source) entries.set(normalisePhrase(phrase), value);
  }

  const longestPhraseFrom = new Map<string, number>();
  for (const key of entries.keys()) {
    const words = key.split(" ");
    if (words.length < 2) continue;
    const first = words[0]!;
    longestPhraseFrom.set(first, Math.max(longestPhraseFrom.get(first) ?? 0, words.length));
  }
  return { entries, longestPhraseFrom };
}

// The tokenizer drops hyphens and dashes, so "able-bodied" must be stored as "able bodied".
function normalisePhrase(phrase: string): string {
  return phrase
    .toLowerCase()
    .split(" ")
    .filter((word) => word !== "" && !/^[-–—]+$/u.test(word))
    .join(" ");
}
