import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("the one CSV writer (audit and dashboard exports)", () => {
  it("prefixes every text cell a spreadsheet would run as a formula (OWASP)", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvCell(`${start}cmd|' /C calc'!A0`).replace(/^"/, "").startsWith(`'${start}`), JSON.stringify(start)).toBe(true);
    }
    expect(csvCell('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it('writes numbers as numbers, negative ones too, but the text "-3" is prefixed', () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(0.125)).toBe("0.125");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell("-3")).toBe("'-3");
  });

  it("writes booleans one way (yes / no), dates as ISO, objects as JSON text, nothing as empty", () => {
    expect(csvCell(true)).toBe("yes");
    expect(csvCell(false)).toBe("no");
    expect(csvCell(new Date("2026-12-01T10:00:00Z"))).toBe("2026-12-01T10:00:00.000Z");
    expect(csvCell({ delta: -3 })).toBe('"{""delta"":-3}"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes per RFC 4180 and ends every line with CRLF", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x, y", 'say "hi"'],
          ["two\nlines", 1],
        ],
      ),
    ).toBe('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",1\r\n');
  });
});
