import { randomBytes } from "node:crypto";
import { crc32, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32Combine, fillGzip, fillPlain, gzipTemplate } from "./gzip-template";

// A visitor's page is compressed once and answered with a fresh CSP nonce each time (decision 026):
// the stream assembled around the nonce must be ordinary gzip, byte for byte the page with that nonce.

describe("CRC-32 of a concatenation from its parts", () => {
  it("equals the CRC of the whole for any lengths, the empty one included", () => {
    for (const [a, b] of [
      [0, 0],
      [0, 5],
      [5, 0],
      [1, 1],
      [24, 100_000],
      [65_536, 3],
      [1_000_003, 77],
    ] as const) {
      const left = randomBytes(a);
      const right = randomBytes(b);
      expect(crc32Combine(crc32(left), crc32(right), right.length)).toBe(crc32(Buffer.concat([left, right])));
    }
  });
});

describe("a gzip template with holes", () => {
  const page = (nonce: string) =>
    `<!doctype html><html><head><script nonce="${nonce}">a()</script></head><body>${"<p>Plan Pulse objective page</p>".repeat(2_000)}` +
    `<script nonce="${nonce}">b()</script><script nonce="${nonce}" type="module">c()</script></body></html>`;
  const pieces = page("\u0000")
    .split("\u0000")
    .map((piece) => Buffer.from(piece));
  const template = gzipTemplate(pieces);

  it("decompresses to the page with this answer's nonce, a new one each time", () => {
    for (const nonce of ["AAAAAAAAAAAAAAAAAAAAAA==", "k3J9+/x0Q1cN5w2dZ3V8pw==", ""]) {
      const body = fillGzip(template, Buffer.from(nonce));
      expect(gunzipSync(body).toString()).toBe(page(nonce));
      expect(fillPlain(template, Buffer.from(nonce)).toString()).toBe(page(nonce));
    }
  });

  it("is much smaller than the page (each piece compressed once)", () => {
    const body = fillGzip(template, Buffer.from("k3J9+/x0Q1cN5w2dZ3V8pw=="));
    expect(body.length).toBeLessThan(page("k3J9+/x0Q1cN5w2dZ3V8pw==").length / 10);
  });

  it("handles a page without holes, empty pieces and a binary hole", () => {
    const whole = gzipTemplate([Buffer.from("no nonce here")]);
    expect(gunzipSync(fillGzip(whole, Buffer.from("x"))).toString()).toBe("no nonce here");
    const empties = gzipTemplate([Buffer.alloc(0), Buffer.alloc(0), Buffer.from("end")]);
    const hole = randomBytes(300);
    expect(gunzipSync(fillGzip(empties, hole)).equals(Buffer.concat([hole, hole, Buffer.from("end")]))).toBe(true);
  });

  it("refuses a hole longer than one stored block", () => {
    expect(() => fillGzip(template, Buffer.alloc(65_536))).toThrow(/at most 65,535/);
    expect(gunzipSync(fillGzip(gzipTemplate([Buffer.from("a"), Buffer.from("b")]), Buffer.alloc(65_535, 1))).length).toBe(65_537);
  });
});
