/**
 * Splits a script of several SQL statements at its top-level semicolons, leaving those inside
 * quotes, quoted identifiers, comments and dollar-quoted bodies (plpgsql functions) alone.
 * PGlite's extended-protocol query runs one statement at a time, so scripts go through this.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = "";
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    const rest = script.slice(i);
    if (ch === "'" || ch === '"') {
      const end = findClosingQuote(script, i, ch);
      current += script.slice(i, end);
      i = end;
      continue;
    }
    if (rest.startsWith("--")) {
      const end = script.indexOf("\n", i);
      i = end === -1 ? script.length : end;
      continue;
    }
    if (rest.startsWith("/*")) {
      const end = script.indexOf("*/", i + 2);
      i = end === -1 ? script.length : end + 2;
      continue;
    }
    const tag = ch === "$" ? /^\$[A-Za-z_]*\$/.exec(rest)?.[0] : undefined;
    if (tag) {
      const end = script.indexOf(tag, i + tag.length);
      const stop = end === -1 ? script.length : end + tag.length;
      current += script.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === ";") {
      if (current.trim()) statements.push(current.trim());
      current = "";
      i += 1;
      continue;
    }
    current += ch;
    i += 1;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

function findClosingQuote(script: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < script.length) {
    if (script[i] === quote) {
      if (script[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return script.length;
}
