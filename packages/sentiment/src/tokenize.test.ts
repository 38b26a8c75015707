import { describe, expect, it } from "vitest";
import { createTokenBuffer, tokenize, TokenKind } from "./tokenize";

describe("tokenize", () => {
  it("splits words, emoticons, emoji and counts ! and ?", () => {
    const buffer = createTokenBuffer();
    tokenize("I DON'T like it :( 😡 really?? no!", buffer);
    expect(buffer.text.slice(0, buffer.count)).toEqual(["i", "don't", "like", "it", ":(", "😡", "really", "no"]);
    expect(buffer.kind[4]).toBe(TokenKind.Emoticon);
    expect(buffer.kind[5]).toBe(TokenKind.Emoji);
    expect(buffer.shouted.slice(0, 3)).toEqual([false, true, false]);
    expect(buffer.questions).toBe(2);
    expect(buffer.exclamations).toBe(1);
    expect(buffer.hasLowerCase).toBe(true);
  });

  it("normalises curly apostrophes and reuses the buffer", () => {
    const buffer = createTokenBuffer();
    tokenize("one two three four", buffer);
    tokenize("isn’t", buffer);
    expect(buffer.count).toBe(1);
    expect(buffer.text[0]).toBe("isn't");
  });
});
