/**
 * The comment markdown subset: paragraphs, *emphasis*, **strong**, bulleted and numbered lists,
 * [links](https://…) and > quotes. Pure: text in, a small tree out; it never produces HTML, so
 * nothing a member writes can become markup. Anything outside the subset stays literal text.
 */

export type InlineNode =
  | { type: "text"; text: string }
  | { type: "break" }
  | { type: "em"; children: InlineNode[] }
  | { type: "strong"; children: InlineNode[] }
  | { type: "link"; href: string; children: InlineNode[] };

export type BlockNode =
  | { type: "paragraph"; children: InlineNode[] }
  | { type: "list"; ordered: boolean; start: number; items: InlineNode[][] }
  | { type: "quote"; children: BlockNode[] };

const MAX_QUOTE_DEPTH = 4;
const MAX_INLINE_DEPTH = 6;
const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** The href to use for a link target, or null when it is not a safe absolute http(s) or mailto URL. */
export function safeHref(raw: string): string | null {
  const target = raw.trim();
  // Only absolute URLs: relative and protocol-relative targets are refused.
  if (!/^(https?:\/\/|mailto:)/i.test(target)) return null;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== "mailto:" && !url.hostname) return null;
  return url.href;
}

const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const QUOTE = /^ {0,3}>[ ]?(.*)$/;
const BLANK = /^[ \t]*$/;

export function parseMarkdown(source: string): BlockNode[] {
  return parseBlocks(source.replace(/\r\n?/g, "\n").split("\n"), 0);
}

function parseBlocks(lines: string[], depth: number): BlockNode[] {
  const blocks: BlockNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (BLANK.test(line)) {
      i += 1;
      continue;
    }
    if (depth < MAX_QUOTE_DEPTH && QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) {
        inner.push(QUOTE.exec(lines[i]!)![1]!);
        i += 1;
      }
      blocks.push({ type: "quote", children: parseBlocks(inner, depth + 1) });
      continue;
    }
    const bullet = BULLET.test(line);
    const numbered = NUMBERED.exec(line);
    if (bullet || numbered) {
      const marker = bullet ? BULLET : NUMBERED;
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        const match = marker.exec(current);
        if (match) {
          items.push(bullet ? match[1]! : match[2]!);
        } else if (!BLANK.test(current) && /^[ \t]+\S/.test(current) && items.length > 0) {
          // An indented line continues the item above it.
          items[items.length - 1] += `\n${current.trim()}`;
        } else {
          break;
        }
        i += 1;
      }
      blocks.push({
        type: "list",
        ordered: !bullet,
        start: numbered ? Math.min(Number.parseInt(numbered[1]!, 10), 999_999_999) : 1,
        items: items.map((item) => parseInline(item, 0)),
      });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length) {
      const current = lines[i]!;
      if (BLANK.test(current) || QUOTE.test(current) || BULLET.test(current) || NUMBERED.test(current)) break;
      paragraph.push(current.trim());
      i += 1;
    }
    if (paragraph.length === 0) {
      // A line that only looks like a block start (e.g. a quote beyond the depth limit) is text.
      paragraph.push(line.trim());
      i += 1;
    }
    blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n"), 0) });
  }
  return blocks;
}

const ESCAPABLE = new Set(["\\", "*", "_", "[", "]", "(", ")", ">", "-", "+", "#", ".", "!", "`"]);

function pushText(nodes: InlineNode[], text: string): void {
  if (!text) return;
  const last = nodes[nodes.length - 1];
  if (last?.type === "text") last.text += text;
  else nodes.push({ type: "text", text });
}

/** Index of the closing delimiter for an opener at `from`, or -1. */
function findCloser(text: string, delimiter: string, from: number): number {
  let search = from;
  while (search < text.length) {
    const index = text.indexOf(delimiter, search);
    if (index === -1) return -1;
    const before = text[index - 1] ?? "";
    const after = text[index + delimiter.length] ?? "";
    const escaped = before === "\\";
    const rightFlanking = before !== "" && !/\s/.test(before);
    // A single * must not be the first half of a ** closer, and _ must end a word.
    const partOfLonger = delimiter.length === 1 && after === delimiter[0];
    const intraword = delimiter[0] === "_" && /[\p{L}\p{N}]/u.test(after);
    if (!escaped && rightFlanking && !partOfLonger && !intraword && index > from) return index;
    search = index + (partOfLonger ? 2 : 1);
  }
  return -1;
}

/** Index of the `]` matching the `[` at `open`, or -1. */
function findLabelEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const char = text[i];
    if (char === "\\") {
      i += 1;
      continue;
    }
    if (char === "[") depth += 1;
    else if (char === "]") {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Index of the `)` closing a link target that starts at `open` (the `(`), or -1; whitespace ends the search. */
function findTargetEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const char = text[i]!;
    if (/\s/.test(char)) return -1;
    if (char === "(") depth += 1;
    else if (char === ")") {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export function parseInline(text: string, depth: number, inLink = false): InlineNode[] {
  const nodes: InlineNode[] = [];
  let i = 0;
  let plain = "";
  const flush = () => {
    pushText(nodes, plain);
    plain = "";
  };
  while (i < text.length) {
    const char = text[i]!;
    if (char === "\\" && ESCAPABLE.has(text[i + 1] ?? "")) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (char === "\n") {
      flush();
      nodes.push({ type: "break" });
      i += 1;
      continue;
    }
    if (depth < MAX_INLINE_DEPTH && !inLink && char === "[") {
      const labelEnd = findLabelEnd(text, i);
      if (labelEnd !== -1 && text[labelEnd + 1] === "(") {
        const targetEnd = findTargetEnd(text, labelEnd + 1);
        if (targetEnd !== -1) {
          const label = parseInline(text.slice(i + 1, labelEnd), depth + 1, true);
          const href = safeHref(text.slice(labelEnd + 2, targetEnd));
          flush();
          if (href) nodes.push({ type: "link", href, children: label });
          else {
            // An unsafe target: the label stays, as text, and no link is made.
            for (const node of label) {
              if (node.type === "text") pushText(nodes, node.text);
              else nodes.push(node);
            }
          }
          i = targetEnd + 1;
          continue;
        }
      }
    }
    if (depth < MAX_INLINE_DEPTH && (char === "*" || char === "_")) {
      const double = text[i + 1] === char;
      const delimiter = double ? char + char : char;
      const next = text[i + delimiter.length] ?? "";
      const previous = text[i - 1] ?? "";
      const leftFlanking = next !== "" && !/\s/.test(next) && next !== char;
      const wordBefore = char === "_" && /[\p{L}\p{N}]/u.test(previous);
      if (leftFlanking && !wordBefore) {
        const close = findCloser(text, delimiter, i + delimiter.length);
        if (close !== -1) {
          flush();
          const children = parseInline(text.slice(i + delimiter.length, close), depth + 1, inLink);
          nodes.push({ type: double ? "strong" : "em", children });
          i = close + delimiter.length;
          continue;
        }
      }
      // No match: keep the run of delimiters as text in one go (keeps long *** runs linear).
      let run = i;
      while (text[run] === char) run += 1;
      plain += text.slice(i, run);
      i = run;
      continue;
    }
    plain += char;
    i += 1;
  }
  flush();
  return nodes;
}
