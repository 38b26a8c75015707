import { describe, expect, it } from "vitest";
import { createTokenBuffer, decodeEntities, tokenize, TokenKind } from "./tokenize";

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

  it("reads a whole chunk as one symbol token only when it is a known symbol", () => {
    const buffer = createTokenBuffer();
    const symbols = new Set(["o_o", ":s"]);
    tokenize("Really? o_O Must wake up :S. x_y", buffer, symbols);
    expect(buffer.text.slice(0, buffer.count)).toEqual(["really", "o_o", "must", "wake", "up", ":s", "x", "y"]);
    expect(buffer.kind[1]).toBe(TokenKind.Emoticon);
    expect(buffer.kind[5]).toBe(TokenKind.Emoticon);
    expect(buffer.questions).toBe(1);
    tokenize("Really? o_O", buffer);
    expect(buffer.text.slice(0, buffer.count)).toEqual(["really", "o", "o"]);
  });

  it("skips links and HTML entities it does not decode", () => {
    const buffer = createTokenBuffer();
    tokenize("tea &amp; cake &gt;&gt; &nbsp; http://url_removed www.example.org/good fine", buffer, new Set([":s"]));
    expect(buffer.text.slice(0, buffer.count)).toEqual(["tea", "cake", "fine"]);
  });

  it("decodes character references, so escaped emoticons are read", () => {
    const buffer = createTokenBuffer();
    tokenize("miss you &lt;3 &gt;:[ you&amp;#39;d &#x1F600;", buffer, new Set([">:["]));
    expect(buffer.text.slice(0, buffer.count)).toEqual(["miss", "you", "<3", ">:[", "you'd", "😀"]);
    expect(buffer.kind.slice(2, 4)).toEqual([TokenKind.Emoticon, TokenKind.Emoticon]);
    expect(buffer.kind[5]).toBe(TokenKind.Emoji);
  });

  it("decodes only the references it knows", () => {
    expect(decodeEntities("a &lt;b&gt; &quot;c&quot; &apos;d&#39; &AMP;amp;lt;")).toBe(`a <b> "c" 'd' <`);
    expect(decodeEntities("&nbsp; &#0; &#99999999; &amp")).toBe("&nbsp; &#0; &#99999999; &amp");
    expect(decodeEntities("no entities")).toBe("no entities");
  });

  it("marks the first token of each clause", () => {
    const buffer = createTokenBuffer();
    tokenize("Nope, still clueless. Oh no! what now", buffer);
    expect(buffer.text.slice(0, buffer.count)).toEqual(["nope", "still", "clueless", "oh", "no", "what", "now"]);
    expect(buffer.clauseStart.slice(0, buffer.count)).toEqual([false, true, false, true, false, true, false]);
  });
});
