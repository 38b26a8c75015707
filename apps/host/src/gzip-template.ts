import { crc32, deflateRawSync, constants as zlib } from "node:zlib";

/**
 * A page compressed once, with holes for a value that changes on every answer (the CSP nonce): each
 * piece around the holes is deflated on its own and flushed to a byte boundary, so an answer is the
 * pieces with the value between them as stored (uncompressed) deflate blocks, a final empty block and
 * the gzip trailer. The CRC of the whole is combined from the pieces' CRCs, so nothing of the page
 * is read again per answer. The result is an ordinary gzip stream (RFC 1951/1952).
 */
export type GzipTemplate = { pieces: Buffer[]; deflated: Buffer[]; crcs: number[]; bytes: number };

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** BFINAL=1, fixed Huffman, end of block: closes the stream after the last flushed piece. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
/** Holes are short (a nonce); one stored block holds at most 65,535 bytes. */
const MAX_HOLE = 65_535;

export function gzipTemplate(pieces: Buffer[], level = 6): GzipTemplate {
  const deflated = pieces.map((piece) => deflateRawSync(piece, { level, finishFlush: zlib.Z_SYNC_FLUSH }));
  return { pieces, deflated, crcs: pieces.map((piece) => crc32(piece)), bytes: deflated.reduce((sum, d) => sum + d.length, 0) };
}

/** The pieces joined by `hole`, uncompressed. */
export function fillPlain(template: GzipTemplate, hole: Buffer): Buffer {
  const parts: Buffer[] = [];
  template.pieces.forEach((piece, index) => {
    if (index > 0) parts.push(hole);
    parts.push(piece);
  });
  return Buffer.concat(parts);
}

/** The pieces joined by `hole`, as one gzip stream. */
export function fillGzip(template: GzipTemplate, hole: Buffer): Buffer {
  if (hole.length > MAX_HOLE) throw new Error("a template's hole is at most 65,535 bytes");
  const stored = Buffer.from([0, hole.length & 0xff, hole.length >>> 8, ~hole.length & 0xff, (~hole.length >>> 8) & 0xff]);
  const holeCrc = crc32(hole);
  const parts: Buffer[] = [HEADER, template.deflated[0]!];
  let crc = template.crcs[0]!;
  let size = template.pieces[0]!.length;
  for (let index = 1; index < template.pieces.length; index += 1) {
    parts.push(stored, hole, template.deflated[index]!);
    crc = crc32Combine(crc32Combine(crc, holeCrc, hole.length), template.crcs[index]!, template.pieces[index]!.length);
    size += hole.length + template.pieces[index]!.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  parts.push(FINAL_BLOCK, trailer);
  return Buffer.concat(parts);
}

// CRC-32 of A‖B from crc(A), crc(B) and |B|: multiplication by x^(8|B|) modulo the CRC polynomial
// (the method of zlib's crc32_combine), bits reflected as in the CRC itself.
const POLY = 0xedb88320;

function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let product = 0;
  for (;;) {
    if (a & m) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

/** x^(2^k) mod p for k = 0…31. */
const X2N: number[] = [];
for (let k = 0, p = 1 << 30; k < 32; k += 1) {
  X2N.push(p);
  p = multiplyModP(p, p);
}

/** x^(n·2^k) mod p. */
function xPowModP(n: number, k: number): number {
  let p = 0x80000000;
  while (n > 0) {
    if (n & 1) p = multiplyModP(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k += 1;
  }
  return p;
}

export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(xPowModP(lengthB, 3), crcA) ^ crcB) >>> 0;
}
