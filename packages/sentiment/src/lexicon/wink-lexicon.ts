import { createRequire } from "node:module";

/** Phrase (space-joined, lower case) to valence in [-1, 1], as rated in wink's sentiment model. */
export type Lexicon = Map<string, number>;

// Event ids that wink's pattern automaton uses besides lexeme ids.
const END_OF_INPUT = 2_070_000;
const OTHERWISE = 2_070_003;

interface WinkCoreModel {
  features: { lexeme: { list: string[] } };
}

type Transitions = Record<string, Record<string, number>>;
type Outputs = Record<string, string>;

/**
 * Reads the sentiment lexicon out of wink-eng-lite-web-model's pattern automaton. The model ships
 * it only as a state machine over lexeme ids, so the words are recovered by walking every path from
 * the root to a state that carries a score. Loading costs a few tens of milliseconds, once.
 */
export function loadWinkLexicon(): Lexicon {
  const require = createRequire(import.meta.url);
  const modelDir = "wink-eng-lite-web-model/dist/languages/cur/models";
  const packedSa = require(`${modelDir}/eng-sa-model.json`) as unknown;
  const core = require(`${modelDir}/eng-core-web-model.json`) as WinkCoreModel;

  const saJson = Array.isArray(packedSa) ? packedSa[0] : undefined;
  if (typeof saJson !== "string") throw new Error("wink-eng-lite-web-model: unexpected sentiment model layout");
  const machine = JSON.parse(saJson) as unknown[];
  const transitions = machine[2] as Transitions | undefined;
  const outputs = machine[3] as Outputs | undefined;
  const lexemes = core.features.lexeme.list;
  if (!transitions || !outputs || !Array.isArray(lexemes)) {
    throw new Error("wink-eng-lite-web-model: unexpected sentiment model layout");
  }

  const lexicon: Lexicon = new Map();
  const visited = new Set<number>();
  const queue: Array<{ state: number; words: string[] }> = [{ state: 0, words: [] }];
  for (let head = 0; head < queue.length; head += 1) {
    const { state, words } = queue[head]!;
    if (visited.has(state)) continue;
    visited.add(state);
    const output = outputs[state];
    if (output !== undefined && words.length > 0) {
      const phrase = words.join(" ");
      if (!lexicon.has(phrase)) lexicon.set(phrase, Number(output) / 1000);
    }
    const next = transitions[state];
    if (!next) continue;
    for (const [event, target] of Object.entries(next)) {
      const id = Number(event);
      // A pattern is closed by "anything else" or by the end of input; neither is part of the phrase.
      const word = id === OTHERWISE || id === END_OF_INPUT ? undefined : lexemes[id];
      if (word === undefined && id !== OTHERWISE && id !== END_OF_INPUT) continue;
      queue.push({ state: target, words: word === undefined ? words : [...words, word] });
    }
  }
  return lexicon;
}
