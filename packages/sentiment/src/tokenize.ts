/** Kinds of token the tone rules care about; everything else in the text is skipped. */
export const TokenKind = { Word: 0, Emoticon: 1, Emoji: 2 } as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/**
 * Tokens of one text, in parallel arrays that are reused between calls so that scoring a text
 * allocates little beyond the lower-cased word strings.
 */
export interface TokenBuffer {
  count: number;
  /** Lower-cased word or emoticon, or the emoji as written. */
  text: string[];
  kind: TokenKind[];
  /** The word was written in capitals (two letters or more), e.g. "GREAT". */
  shouted: boolean[];
  /** The text has at least one lower-case letter, so capitals there are emphasis, not style. */
  hasLowerCase: boolean;
  /** A full stop, comma, semicolon, colon or "!"/"?" stands between this token and the one before. */
  clauseStart: boolean[];
  exclamations: number;
  questions: number;
  /** Set when a clause mark is seen; the next token pushed gets `clauseStart`. */
  pendingBreak: boolean;
}

export function createTokenBuffer(): TokenBuffer {
  return {
    count: 0,
    text: [],
    kind: [],
    shouted: [],
    clauseStart: [],
    hasLowerCase: false,
    exclamations: 0,
    questions: 0,
    pendingBreak: false,
  };
}

// Alternatives, in order: western emoticons (":-)", ";P", "=D", "</3", "<3", and reversed ones such
// as "(:"), words (letters, marks and digits, with inner apostrophes so that "don't" stays whole), a
// pictographic emoji, an HTML entity left after decoding ("&nbsp;", skipped), "!" or "?", and other clause marks.
const PARTS = String.raw`(?<entity>&#?[\p{L}\p{N}]+;)|(?<emoticon><\/?3|[<>]?[:;=][-o'^]?[()[\]dDpP/\\|*@$oO03{}]+|[()[\]]+[-']?[:;=])|(?<word>[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*)|(?<emoji>\p{Extended_Pictographic})|(?<mark>[!?])|(?<stop>[.,;:])`;
const TOKEN = new RegExp(PARTS, "gu");
// The same, preceded by a whole whitespace-delimited chunk holding a symbol, which may be a symbol
// entry of the lexicon ("o_O", ":S", "-_-") or a link; otherwise its parts are scanned as above.
const CHUNK_OR_TOKEN = new RegExp(String.raw`(?<chunk>(?<!\S)(?=\S*[^\s\p{L}\p{M}\p{N}'’])\S+)|${PARTS}`, "gu");
const TRAILING_MARKS = /[.,;!?]+$/u;
const LINK = /^(?:https?:\/\/|www\.)|:\/\//iu;

const LOWER_CASE = /\p{Ll}/u;

// Character references that web text carries instead of the characters themselves ("&lt;3" is a heart,
// "&gt;:[" an angry face). A reference escaped more than once ("&amp;#39;") is decoded all the way.
// Other named entities are left for the tokenizer to skip.
const ENTITY = /&(?:amp;)*(lt|gt|quot|apos|amp|#\d{1,6}|#x[\da-f]{1,6});/giu;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };

/** `text` with `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` and numeric character references decoded. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower[0] !== "#") return NAMED_ENTITIES[lower] ?? whole;
    const code = lower[1] === "x" ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Splits `raw` into `buffer`, replacing what it held, after decoding the common HTML character
 * references (see `decodeEntities`). With `symbols`, a whitespace-delimited chunk
 * that is one of them (in lower case, trailing full stops, commas, "!" and "?" aside) becomes a single
 * emoticon token, and links are skipped.
 */
export function tokenize(raw: string, buffer: TokenBuffer, symbols?: ReadonlySet<string>): void {
  const text = decodeEntities(raw);
  buffer.count = 0;
  buffer.exclamations = 0;
  buffer.questions = 0;
  buffer.pendingBreak = false;
  buffer.hasLowerCase = LOWER_CASE.test(text);
  if (symbols === undefined || symbols.size === 0) {
    scanParts(text, 0, text.length, buffer);
    return;
  }
  CHUNK_OR_TOKEN.lastIndex = 0;
  for (let match = CHUNK_OR_TOKEN.exec(text); match !== null; match = CHUNK_OR_TOKEN.exec(text)) {
    const chunk = match.groups!.chunk;
    if (chunk === undefined) {
      addPart(match.groups!, buffer);
      continue;
    }
    if (LINK.test(chunk)) continue;
    const lower = chunk.toLowerCase();
    if (symbols.has(lower)) {
      push(buffer, lower, TokenKind.Emoticon, false);
      continue;
    }
    const marks = TRAILING_MARKS.exec(lower);
    if (marks !== null && symbols.has(lower.slice(0, marks.index))) {
      push(buffer, lower.slice(0, marks.index), TokenKind.Emoticon, false);
      countMarks(marks[0], buffer);
      continue;
    }
    scanParts(text, match.index, match.index + chunk.length, buffer);
  }
}

/** Tokens of `text` from `start` up to `end`. */
function scanParts(text: string, start: number, end: number, buffer: TokenBuffer): void {
  TOKEN.lastIndex = start;
  for (let match = TOKEN.exec(text); match !== null && match.index < end; match = TOKEN.exec(text)) {
    addPart(match.groups!, buffer);
  }
}

function addPart(groups: Record<string, string | undefined>, buffer: TokenBuffer): void {
  if (groups.word !== undefined) {
    const raw = groups.word;
    const lower = raw.toLowerCase();
    push(buffer, lower.includes("’") ? lower.replaceAll("’", "'") : lower, TokenKind.Word, isShouted(raw, lower));
  } else if (groups.emoticon !== undefined) {
    push(buffer, groups.emoticon.toLowerCase(), TokenKind.Emoticon, false);
  } else if (groups.emoji !== undefined) {
    push(buffer, groups.emoji, TokenKind.Emoji, false);
  } else if (groups.mark === "!") {
    buffer.exclamations += 1;
    buffer.pendingBreak = true;
  } else if (groups.mark === "?") {
    buffer.questions += 1;
    buffer.pendingBreak = true;
  } else if (groups.stop !== undefined) {
    buffer.pendingBreak = true;
  }
}

function countMarks(marks: string, buffer: TokenBuffer): void {
  for (const mark of marks) {
    if (mark === "!") buffer.exclamations += 1;
    else if (mark === "?") buffer.questions += 1;
  }
  buffer.pendingBreak = true;
}

function isShouted(raw: string, lower: string): boolean {
  return raw.length > 1 && raw !== lower && raw.toUpperCase() === raw;
}

function push(buffer: TokenBuffer, text: string, kind: TokenKind, shouted: boolean): void {
  const i = buffer.count;
  buffer.text[i] = text;
  buffer.kind[i] = kind;
  buffer.shouted[i] = shouted;
  buffer.clauseStart[i] = buffer.pendingBreak;
  buffer.pendingBreak = false;
  buffer.count = i + 1;
}
