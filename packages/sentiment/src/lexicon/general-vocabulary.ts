/**
 * Everyday words, slang and emoticons that wink's lexicon lacks, on its -1..1 scale. Chosen by
 * judgement; the tuning half of the benchmark was used only to notice gaps, never to set values.
 */
export const GENERAL_ADDITIONS: ReadonlyMap<string, number> = new Map([
  // Praise and criticism
  ["compelling", 0.5], ["moving", 0.3], ["touching", 0.5], ["witty", 0.6], ["charming", 0.6],
  ["captivating", 0.6], ["engaging", 0.5], ["gripping", 0.5], ["heartfelt", 0.5], ["insightful", 0.6],
  ["extraordinary", 0.6], ["remarkable", 0.5], ["intriguing", 0.4], ["colorful", 0.3], ["gentle", 0.3],
  ["sharp", 0.3], ["stylish", 0.4], ["nicely", 0.4], ["affecting", 0.4], ["unforgettable", 0.6],
  ["thoughtful", 0.5], ["helpful", 0.5], ["responsive", 0.4], ["welcoming", 0.5], ["valuable", 0.5],
  ["tedious", -0.6], ["contrived", -0.5], ["mediocre", -0.5], ["bland", -0.5], ["generic", -0.4],
  ["tiresome", -0.6], ["hackneyed", -0.5], ["clumsy", -0.4], ["simplistic", -0.4], ["cliche", -0.4],
  ["cliches", -0.4], ["cliched", -0.5], ["flat", -0.2], ["lacking", -0.4], ["trash", -0.6],
  ["pointless", -0.6], ["overlong", -0.4], ["unfunny", -0.6], ["lifeless", -0.6], ["forgettable", -0.5],
  ["pretentious", -0.5], ["predictable", -0.4], ["shoddy", -0.6], ["flimsy", -0.5], ["unhelpful", -0.5],
  ["unresponsive", -0.5], ["confusing", -0.4], ["frustrating", -0.6], ["disappointing", -0.6],
  ["overpriced", -0.5], ["issue", -0.2], ["issues", -0.2], ["refund", -0.3], ["recall", -0.3],
  ["steady", 0.3], ["useless", -0.7], ["broken", -0.5], ["rude", -0.6], ["annoying", -0.6],
  // Interjections and chat slang
  ["yay", 0.6], ["yippee", 0.6], ["woohoo", 0.6], ["hooray", 0.6], ["hurray", 0.6], ["congrats", 0.6],
  ["congratulations", 0.6], ["xoxo", 0.5], ["hehe", 0.4], ["rofl", 0.5], ["lmfao", 0.5], ["thx", 0.4],
  ["ty", 0.3], ["ugh", -0.5], ["argh", -0.5], ["grr", -0.5], ["meh", -0.3], ["boo", -0.4], ["sux", -0.6],
  ["smh", -0.4], ["fml", -0.7], ["blah", -0.2],
  // Emoticons wink writes only with a nose
  [":d", 0.6], ["=d", 0.6], [";d", 0.6], [":p", 0.4], [";p", 0.4],
  ["=)", 0.4], ["=(", -0.4], [":/", -0.3], [":\\", -0.3], [":|", -0.2], ["<3", 0.6], ["</3", -0.6],
]);

/**
 * Words wink rates for a sense that is rare in comments ("further", "despite", "work"). Where VADER's
 * raters rated the word, their rating stands; otherwise the word scores 0.
 */
export const NEUTRAL_WORDS: readonly string[] = [
  "enough", "kind", "despite", "able", "wonder", "stand", "behind", "thinking", "matter", "according",
  "further", "key", "ready", "built", "waiting", "intended", "paying", "content", "necessary", "reach",
  "straight", "speaking", "leading", "considered", "killing", "master", "work", "elements", "cat",
  "harry", "supreme", "faced", "intent", "consciousness", "nerve", "fit", "saving", "save", "vast",
  "rises", "legal", "accept", "demands", "challenge", "conflict", "admit", "well",
];

/** Words that name a group of people: their presence says nothing about tone, so they always score 0. */
export const IDENTITY_WORDS: readonly string[] = ["gay", "christian", "blind", "deaf", "homeless"];

/** Ratings in wink that point the wrong way for the common sense of the word. */
export const CORRECTED_WORDS: ReadonlyMap<string, number> = new Map([
  ["compassion", 0.5],
  ["daring", 0.4],
]);
