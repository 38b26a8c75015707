import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Lexicon } from "./wink-lexicon";

/**
 * Parses VADER's human-rated lexicon (`token<TAB>mean<TAB>sd<TAB>[ten ratings]`, means on -4..4)
 * into phrase → valence on the -1..1 scale used by the other lexicons. Lines that do not parse are
 * skipped: the file is data from a package, and one odd line must not stop the engine.
 */
export function parseVaderLexicon(content: string): Lexicon {
  const lexicon: Lexicon = new Map();
  for (const line of content.split(/\r?\n/u)) {
    const tab = line.indexOf("\t");
    if (tab <= 0) continue;
    const next = line.indexOf("\t", tab + 1);
    const mean = Number(line.slice(tab + 1, next < 0 ? undefined : next));
    if (!Number.isFinite(mean)) continue;
    const token = line.slice(0, tab);
    const key = token.toLowerCase();
    // Some entries differ only in case ("LOL", "lol"); text is looked up in lower case, so the
    // entry written in lower case wins.
    if (key !== token && lexicon.has(key)) continue;
    lexicon.set(key, Math.max(-1, Math.min(1, mean / 4)));
  }
  return lexicon;
}

/**
 * Loads the lexicon of Hutto & Gilbert (2014), about 7,500 words, emoticons and slang each rated by
 * ten people, from the data file that the `vader-sentiment` package ships. Only the data is used;
 * the scoring rules are this package's own.
 */
export function loadVaderLexicon(): Lexicon {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("vader-sentiment/package.json"));
  return parseVaderLexicon(readFileSync(join(packageDir, "vader_lexicon.txt"), "utf8"));
}
