import { describe, expect, it } from "vitest";
import { countLinks, matchWatchWords } from "./decide-hold";

describe("countLinks", () => {
  it("counts http, https and www links", () => {
    expect(countLinks("see https://a.org, http://b.org/x?y=1 and www.c.org.")).toBe(3);
    expect(countLinks("no links here, just a.b")).toBe(0);
  });
});

describe("matchWatchWords", () => {
  it("matches whole words and phrases, ignoring case", () => {
    expect(matchWatchWords("This is SPAM!", ["spam"])).toEqual(["spam"]);
    expect(matchWatchWords("A spammer wrote this", ["spam"])).toEqual([]);
    expect(matchWatchWords("buy  Cheap\nPills now", ["cheap pills", "now"])).toEqual(["cheap pills", "now"]);
    expect(matchWatchWords("café crème", ["café"])).toEqual(["café"]);
    expect(matchWatchWords("cafés", ["café"])).toEqual([]);
  });
  it("treats regular-expression characters literally", () => {
    expect(matchWatchWords("a+b equals c", ["a+b"])).toEqual(["a+b"]);
    expect(matchWatchWords("aab", ["a+b"])).toEqual([]);
  });
});
