import { describe, expect, it } from "vitest";
import { createToneEngine, scoreTone } from "./index";

const engine = createToneEngine();

describe("tone engine", () => {
  it("scores clear praise above zero and clear complaints below zero", () => {
    expect(scoreTone("The new strategic plan is excellent and I love the focus on members.")).toBeGreaterThan(0.3);
    expect(scoreTone("This is a terrible, wasteful plan and I hate it.")).toBeLessThan(-0.3);
  });

  it("flips the sign under negation", () => {
    expect(scoreTone("good")).toBeGreaterThan(0);
    expect(scoreTone("not good")).toBeLessThan(0);
    expect(scoreTone("The webinar was not helpful at all.")).toBeLessThan(0);
    expect(scoreTone("The session wasn't bad.")).toBeGreaterThan(0);
  });

  it("strengthens tone with intensifiers and weakens it with softeners", () => {
    const plain = scoreTone("The conference was good.");
    expect(scoreTone("The conference was very good.")).toBeGreaterThan(plain);
    expect(scoreTone("The conference was kind of good.")).toBeLessThan(plain);
  });

  it("treats capitals and exclamation marks as emphasis", () => {
    const plain = scoreTone("the keynote was great");
    expect(scoreTone("the keynote was GREAT")).toBeGreaterThan(plain);
    expect(scoreTone("the keynote was great!!!")).toBeGreaterThan(plain);
  });

  it("weighs the clause after 'but' more", () => {
    expect(scoreTone("The staff are friendly but the dues increase is outrageous.")).toBeLessThan(0);
    expect(scoreTone("The dues increase hurts but the programmes are excellent.")).toBeGreaterThan(0);
  });

  it("reads emoticons and emoji", () => {
    expect(scoreTone("see you at the meeting :)")).toBeGreaterThan(0);
    expect(scoreTone("see you at the meeting :(")).toBeLessThan(0);
    expect(scoreTone("Really? o_O")).toBeLessThan(0);
    expect(scoreTone("Must wake up early tomorrow :S")).toBeLessThan(0);
  });

  it("does not negate emoticons or laughter", () => {
    expect(scoreTone("Still no reply :(")).toBeLessThan(0);
    expect(scoreTone("you can never leave lol")).toBeGreaterThan(0);
    expect(scoreTone("not funny")).toBeLessThan(0);
  });

  it("reads emoticons written as HTML character references", () => {
    expect(scoreTone("see you there &lt;3")).toBeGreaterThan(0);
    expect(scoreTone("first day of the season &gt;:[")).toBeLessThan(0);
  });

  it("takes comparatives back to the base word, but not nouns ending in -er", () => {
    expect(scoreTone("the desk staff were ruder")).toBeLessThan(0);
    expect(scoreTone("a cuter logo")).toBeGreaterThan(0);
    expect(scoreTone("the franchise player")).toBe(0);
  });

  it("keeps the tone of a negator or intensifier that modifies nothing", () => {
    expect(scoreTone("No and no.")).toBeLessThan(0);
    expect(scoreTone("Damn you, portal.")).toBeLessThan(0);
    expect(scoreTone("damn good session")).toBeGreaterThan(0);
  });

  it("stops negation at the end of a clause", () => {
    expect(scoreTone("Nope, still clueless.")).toBeLessThan(0);
    expect(scoreTone("Nope still clueless")).toBeGreaterThan(0);
  });

  it("treats 'least' as a negator except in 'at least'", () => {
    expect(scoreTone("the least helpful session")).toBeLessThan(0);
    expect(scoreTone("at least it was helpful")).toBeGreaterThan(0);
  });

  it("reads 'never so' as praise", () => {
    expect(scoreTone("I have never been so happy")).toBeGreaterThan(scoreTone("I have been happy"));
    expect(scoreTone("I have never been happy")).toBeLessThan(0);
  });

  it("ignores links and HTML entities", () => {
    expect(scoreTone("Slides &amp; notes: http://example.org/great-success")).toBe(0);
  });

  it("knows library and association vocabulary", () => {
    expect(scoreTone("Our branch is underfunded and facing layoffs.")).toBeLessThan(-0.3);
    expect(scoreTone("Censorship and book bans are spreading in our district.")).toBeLessThan(-0.3);
    expect(scoreTone("Another dues increase, more bureaucracy.")).toBeLessThan(0);
    expect(scoreTone("An accessible, equitable process with real transparency.")).toBeGreaterThan(0.3);
  });

  it("reports failed expectations as negative", () => {
    expect(scoreTone("The member portal doesn't work.")).toBeLessThan(0);
    expect(scoreTone("Nobody answered my emails.")).toBeLessThan(0);
  });

  it("does not score identity words", () => {
    expect(scoreTone("I am a gay librarian.")).toBe(0);
    expect(scoreTone("As a blind member I use the site daily.")).toBe(0);
  });

  it("returns 0 for empty and toneless input", () => {
    expect(scoreTone("")).toBe(0);
    expect(scoreTone("   \r\n\t ")).toBe(0);
    expect(scoreTone("The meeting is on Tuesday at 3 pm in room 204.")).toBe(0);
  });

  it("never throws and stays finite on odd Unicode", () => {
    const inputs = [
      "🙂🙂🙂",
      "😡 😡",
      "\u0000\u0001\u200b\ufeff",
      "\ud800 lone surrogate \udfff",
      "Ça a été génial — très bien!",
      "图书馆很好",
      "مكتبة رائعة",
      "e\u0301\u0301\u0301 ZA\u0336L\u0336G\u0336O\u0336",
      "!!!!!!!!????????",
      ":-):-):-(;-)<3</3",
      "a".repeat(100_000),
    ];
    for (const input of inputs) {
      const score = engine.score(input);
      expect(Number.isFinite(score)).toBe(true);
      expect(Math.abs(score)).toBeLessThanOrEqual(1);
    }
    expect(engine.score(undefined as unknown as string)).toBe(0);
  });

  it("clamps long hostile input to [-1, 1]", () => {
    const rant = "TERRIBLE awful HORRIBLE disgusting hateful worst!!! ".repeat(2_000);
    const score = engine.score(rant);
    expect(score).toBeLessThan(-0.99);
    expect(score).toBeGreaterThanOrEqual(-1);
    const praise = "EXCELLENT wonderful AMAZING superb best!!! ".repeat(2_000);
    expect(engine.score(praise)).toBeGreaterThan(0.99);
    expect(engine.score(praise)).toBeLessThanOrEqual(1);
  });

  it("gives the same score on repeated calls (no state leaks between texts)", () => {
    const text = "Not good, but the librarians were wonderful.";
    const first = engine.score(text);
    engine.score("TERRIBLE TERRIBLE TERRIBLE awful !!!!! :( ".repeat(50));
    expect(engine.score(text)).toBe(first);
  });

  it("honours setting overrides", () => {
    const mild = createToneEngine({ settings: { normalisation: 1000 } });
    expect(Math.abs(mild.score("great"))).toBeLessThan(Math.abs(engine.score("great")));
  });
});
