import { describe, expect, it } from "vitest";
import { splitHighlight } from "./search-plan";

const START = "\uE000";
const STOP = "\uE001";

describe("splitHighlight", () => {
  it("turns ts_headline markers into marked segments", () => {
    expect(splitHighlight(`we need ${START}bookmobiles${STOP} now`)).toEqual([
      { text: "we need ", mark: false },
      { text: "bookmobiles", mark: true },
      { text: " now", mark: false },
    ]);
  });

  it("keeps HTML-looking text as plain text and tolerates a missing stop marker", () => {
    expect(splitHighlight(`<b>x</b> ${START}<script>`)).toEqual([
      { text: "<b>x</b> ", mark: false },
      { text: "<script>", mark: true },
    ]);
  });

  it("drops markdown syntax from snippets", () => {
    const text = splitHighlight(`we had *no* ${START}playbook${STOP}. Read the [announcement](https://www.ala.org/news) **now**`)
      .map((s) => s.text)
      .join("|");
    expect(text).toBe("we had no |playbook|. Read the announcement now");
  });
});
