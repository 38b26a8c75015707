/**
 * Words that change the strength of the next sentiment word rather than carry tone themselves.
 * Positive values intensify ("very good"), negative ones soften ("slightly good"). The figures are on
 * the engine's valence scale, where a strong word such as "excellent" is about 3.
 */
export const INTENSITY_MODIFIERS: ReadonlyMap<string, number> = new Map([
  ...words(0.3, [
    "absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply", "enormously",
    "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping", "frigging", "fully",
    "greatly", "highly", "hugely", "incredibly", "intensely", "majorly", "more", "most", "particularly",
    "purely", "quite", "really", "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously",
    "truly", "uber", "unbelievably", "unusually", "utterly", "very", "super", "seriously", "insanely",
    "ridiculously", "damn", "freaking", "fricking", "fucking", "hella", "sooo", "soooo", "sooooo", "veryyy",
    "such", "too", "overly", "deeply", "profoundly", "severely", "terribly", "horribly", "dreadfully",
  ]),
  ...words(-0.3, [
    "almost", "barely", "hardly", "less", "little", "marginally", "occasionally", "partly", "scarcely",
    "slightly", "somewhat", "sorta", "kinda", "kindof", "sortof", "mildly", "fairly", "rather", "relatively",
    "moderately", "reasonably",
  ]),
]);

/** Two-word softeners; "kind of good" is weaker than "good", and "kind" here is no compliment. */
export const SOFTENING_PHRASES: ReadonlyMap<string, number> = new Map([
  ["kind of", -0.3],
  ["sort of", -0.3],
  ["a bit", -0.3],
  ["a little", -0.3],
]);

/** Words that reverse the tone of what follows within a short window. */
export const NEGATORS: ReadonlySet<string> = new Set([
  "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "cannot", "without",
  "aint", "ain't", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt",
  "couldnt", "shouldnt", "cant", "hasnt", "havent", "hadnt", "neednt", "mustnt", "mightnt", "darent",
  "rarely", "seldom", "lack", "lacks", "lacking", "lacked", "nope", "nah",
]);

/**
 * Verbs that name something a service or product is expected to do. They carry no tone, but negated
 * they report a failure: "the catalogue won't load", "nobody answered".
 */
export const EXPECTATION_VERBS: ReadonlySet<string> = new Set([
  "work", "works", "worked", "working", "play", "plays", "played", "load", "loads", "loaded", "open",
  "opens", "opened", "respond", "responds", "responded", "answer", "answers", "answered", "reply",
  "replies", "replied", "help", "helps", "helped", "fix", "fixed", "recognize", "recognizes",
  "connect", "connects", "connected", "function", "functions", "last", "lasted", "close", "start",
  "starts", "show", "shows", "print", "prints", "listen", "listened", "care", "cares", "buy", "purchase",
  "return", "returned", "arrive", "arrived", "deliver", "delivered", "address", "addressed",
]);

/**
 * Laughter and chat interjections. Like emoticons they report the writer's mood, so a negator before
 * them does not reverse it: "you can never leave lmao".
 */
export const INTERJECTIONS: ReadonlySet<string> = new Set([
  "lol", "lolz", "lool", "lmao", "lmfao", "rofl", "roflmao", "haha", "hahaha", "hahahaha", "hehe", "hehehe",
  "xd", "yay", "woohoo", "xoxo",
]);

/** Words that shift weight onto the clause after them, as in "the staff are kind but the hours are awful". */
export const CONTRAST_WORDS: ReadonlySet<string> = new Set(["but", "however"]);

function words(value: number, list: readonly string[]): Array<[string, number]> {
  return list.map((word) => [word, value]);
}
