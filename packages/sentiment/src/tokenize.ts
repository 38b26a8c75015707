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
  exclamations: number;
  questions: number;
}

export function createTokenBuffer(): TokenBuffer {
  return { count: 0, text: [], kind: [], shouted: [], hasLowerCase: false, exclamations: 0, questions: 0 };
}

// One pass over the text. Alternatives, in order: western emoticons (":-)", ";P", "=D", "</3", "<3",
// and reversed ones such as "(:"), words (letters, marks and digits, with inner apostrophes so that
// "don't" stays whole), a pictographic emoji, and "!" or "?".
const TOKEN =
  /(?<emoticon><\/?3|[<>]?[:;=][-o'^]?[()[\]dDpP/\\|*@$oO03{}]+|[()[\]]+[-']?[:;=])|(?<word>[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*)|(?<emoji>\p{Extended_Pictographic})|(?<mark>[!?])/gu;

const LOWER_CASE = /\p{Ll}/u;

/** Splits `text` into `buffer`, replacing what it held. */
export function tokenize(text: string, buffer: TokenBuffer): void {
  buffer.count = 0;
  buffer.exclamations = 0;
  buffer.questions = 0;
  buffer.hasLowerCase = LOWER_CASE.test(text);
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const groups = match.groups!;
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
    } else {
      buffer.questions += 1;
    }
  }
}

function isShouted(raw: string, lower: string): boolean {
  return raw.length > 1 && raw !== lower && raw.toUpperCase() === raw;
}

function push(buffer: TokenBuffer, text: string, kind: TokenKind, shouted: boolean): void {
  const i = buffer.count;
  buffer.text[i] = text;
  buffer.kind[i] = kind;
  buffer.shouted[i] = shouted;
  buffer.count = i + 1;
}
