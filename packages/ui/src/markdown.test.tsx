import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, parseMarkdown, safeHref } from "./markdown";

const html = (source: string) => renderToStaticMarkup(<Markdown source={source} />);
/** Every href the rendered HTML contains. */
const hrefs = (markup: string) => [...markup.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
/** Tag names in the output: only the subset may ever appear. */
const tags = (markup: string) => [...new Set([...markup.matchAll(/<([a-z0-9]+)[\s>/]/g)].map((m) => m[1]))].sort();
const ALLOWED_TAGS = ["a", "blockquote", "br", "div", "em", "li", "ol", "p", "strong", "ul"];

function expectSafe(markup: string) {
  expect(tags(markup).every((tag) => ALLOWED_TAGS.includes(tag!))).toBe(true);
  for (const href of hrefs(markup)) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
  expect(markup).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
  expect(markup).not.toContain("target=");
}

describe("markdown subset", () => {
  it("renders paragraphs, emphasis, strong, lists, quotes and links", () => {
    const markup = html("Hello *there* and **you**\nnext line\n\n- one\n- two\n\n3. three\n4. four\n\n> quoted *text*\n\n[ALA](https://www.ala.org/)");
    expect(markup).toBe(
      '<div class="markdown"><p>Hello <em>there</em> and <strong>you</strong><br/>next line</p><ul><li>one</li><li>two</li></ul>' +
        '<ol start="3"><li>three</li><li>four</li></ol><blockquote><p>quoted <em>text</em></p></blockquote>' +
        '<p><a href="https://www.ala.org/" rel="nofollow ugc noopener">ALA</a></p></div>',
    );
  });

  it("keeps snake_case words and lone asterisks as text", () => {
    expect(html("call snake_case_name and 2 * 3 * 4")).toBe('<div class="markdown"><p>call snake_case_name and 2 * 3 * 4</p></div>');
    expect(html("\\*not emphasis\\*")).toBe('<div class="markdown"><p>*not emphasis*</p></div>');
  });

  it("supports mailto links and balanced parentheses in URLs", () => {
    expect(hrefs(html("[write](mailto:web@ala.org)"))).toEqual(["mailto:web@ala.org"]);
    expect(hrefs(html("[wiki](https://en.wikipedia.org/wiki/Library_(disambiguation))"))).toEqual(["https://en.wikipedia.org/wiki/Library_(disambiguation)"]);
  });

  it("keeps any Unicode exactly", () => {
    const text = "Bibliothèque 図書館 مكتبة 📚 \u200b\u202e reversed \u202c";
    expect(parseMarkdown(text)).toEqual([{ type: "paragraph", children: [{ type: "text", text }] }]);
  });
});

describe("hostile input", () => {
  const cases: Array<[string, string, (markup: string) => void]> = [
    ["script tag", "<script>alert(1)</script>", (m) => expect(m).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")],
    ["iframe", '<iframe src="https://evil.example"></iframe>', (m) => expect(m).toContain("&lt;iframe")],
    ["img onerror", "<img src=x onerror=alert(1)>", (m) => expect(m).toContain("&lt;img src=x onerror=alert(1)&gt;")],
    ["javascript link", "[x](javascript:alert(1))", (m) => expect(hrefs(m)).toEqual([])],
    ["mixed-case javascript", "[x](JaVaScRiPt:alert(1))", (m) => expect(hrefs(m)).toEqual([])],
    ["javascript with a tab", "[x](java\tscript:alert(1))", (m) => expect(hrefs(m)).toEqual([])],
    ["javascript with leading space", "[x]( javascript:alert(1))", (m) => expect(hrefs(m)).toEqual([])],
    ["entity-encoded javascript", "[x](&#106;avascript:alert(1))", (m) => expect(hrefs(m)).toEqual([])],
    ["javascript&colon;", "[x](javascript&colon;alert(1))", (m) => expect(hrefs(m)).toEqual([])],
    ["data URL", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", (m) => expect(hrefs(m)).toEqual([])],
    ["vbscript", "[x](vbscript:msgbox(1))", (m) => expect(hrefs(m)).toEqual([])],
    ["protocol-relative", "[x](//evil.example/path)", (m) => expect(hrefs(m)).toEqual([])],
    ["relative path", "[x](/logout)", (m) => expect(hrefs(m)).toEqual([])],
    ["attribute breakout", '[x](https://ok.example/"onmouseover="alert(1))', (m) => expect(m).not.toContain('"onmouseover')],
    ["quote in href", '[x](https://ok.example/a"b)', (m) => expect(hrefs(m)).toEqual(["https://ok.example/a%22b"])],
    ["nested link trick", "[[x](javascript:alert(1))](https://ok.example/)", (m) => expect(hrefs(m)).toEqual(["https://ok.example/"])],
    ["strong around bad link", "**[x](javascript:alert(1))**", (m) => expect(m).toBe('<div class="markdown"><p><strong>x</strong></p></div>')],
    ["html inside emphasis", "*<b onclick=alert(1)>hi</b>*", (m) => expect(m).toContain("<em>&lt;b onclick=alert(1)&gt;hi&lt;/b&gt;</em>")],
    ["entities stay literal", "&lt;script&gt; &amp; &#x3C;", (m) => expect(m).toContain("&amp;lt;script&amp;gt; &amp;amp; &amp;#x3C;")],
    ["html in link label", '[<img src=x onerror="alert(1)">](https://ok.example/)', (m) => expect(m).toContain("&lt;img")],
    ["svg", '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>', (m) => expect(hrefs(m)).toEqual([])],
    ["quote of a script", "> <script>alert(1)</script>", (m) => expect(m).toContain("<blockquote><p>&lt;script&gt;")],
    ["deep quotes", ">>>>>>>>>> deep", (m) => expect(m.match(/<blockquote>/g)?.length).toBeLessThanOrEqual(4)],
    ["unicode lookalike scheme", "[x](ｊａｖａｓｃｒｉｐｔ:alert(1))", (m) => expect(hrefs(m)).toEqual([])],
    ["newline in target", "[x](https://ok.example/\njavascript:alert(1))", (m) => expect(hrefs(m)).toEqual([])],
    ["http without host", "[x](http:alert(1))", (m) => expect(hrefs(m).every((h) => h!.startsWith("http://"))).toBe(true)],
  ];

  it.each(cases)("%s", (_name, source, check) => {
    const markup = html(source);
    expectSafe(markup);
    check(markup);
  });

  // The budget is this process's CPU time, best of three: a machine busy with other work stretches
  // the wall clock, not the work the renderer does.
  it("stays fast on pathological delimiter runs", () => {
    const inputs = ["*".repeat(5000), "*a ".repeat(1666), "[".repeat(2500) + "](".repeat(1250), "**a _b ".repeat(700), "> ".repeat(2500) + "x"];
    for (const input of inputs) {
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3 && best >= 500; run += 1) {
        const started = process.cpuUsage();
        expectSafe(html(input));
        const used = process.cpuUsage(started);
        best = Math.min(best, (used.user + used.system) / 1000);
      }
      expect(best).toBeLessThan(500);
    }
  });
});

describe("safeHref", () => {
  it("accepts only absolute http(s) and mailto", () => {
    expect(safeHref("https://ala.org")).toBe("https://ala.org/");
    expect(safeHref("HTTP://ALA.ORG/x")).toBe("http://ala.org/x");
    expect(safeHref("mailto:a@b.org")).toBe("mailto:a@b.org");
    for (const bad of ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "ftp://ala.org", "/x", "//ala.org", "#top", "", "https://"]) {
      expect(safeHref(bad)).toBeNull();
    }
  });
});
