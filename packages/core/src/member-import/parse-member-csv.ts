import { DisplayNameSchema, EmailSchema, MEMBER_IMPORT_MAX_BYTES, MEMBER_IMPORT_MAX_ROWS } from "@planpulse/validators";
import { checkSegmentAnswers, type SegmentAnswers, type SegmentQuestion } from "../account/segment-answers";

/** One problem, with the file's line number (1 = the header line; 0 = the file as a whole). */
export type ImportProblem = { line: number; message: string };

export type ParsedMemberRow = { line: number; email: string; name: string; memberId: string | null; answers: SegmentAnswers };

export type ParsedMemberCsv = {
  rows: ParsedMemberRow[];
  /** Segment question keys that have a column in the file. */
  segmentKeys: string[];
  problems: ImportProblem[];
  /** Problems beyond the first MAX_REPORTED are counted, not listed. */
  problemCount: number;
};

const MAX_REPORTED = 200;
const MULTI_SEPARATOR = ";";
// A cell a spreadsheet would run as a formula (CSV injection): refused rather than silently changed.
const FORMULA_START = /^[=+\-@\t\r]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const FIXED_COLUMNS = {
  email: ["email", "email address", "e-mail"],
  name: ["name", "display name", "full name"],
  memberId: ["member id", "member_id", "member number", "membership id"],
} as const;

function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/\s+/g, " ");
}

/** Splits CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into records with their first line number. */
export function* csvRecords(text: string): Generator<{ line: number; fields: string[] } | { line: number; error: string }> {
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = "";
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text.charCodeAt(i) === 34 /* " */) {
        i += 1;
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === 34) {
            if (text.charCodeAt(i + 1) === 34) {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (c === 10) line += 1;
          field += text[i];
          i += 1;
        }
        if (!closed) {
          yield { line: startLine, error: 'A quoted field is never closed (a missing " before the end of the file)' };
          return;
        }
        const after = text.charCodeAt(i);
        if (i < n && after !== 44 && after !== 10 && after !== 13) {
          yield { line: startLine, error: "Text after a closing quote; quote the whole field" };
          // Skip to the end of this line and go on.
          while (i < n && text.charCodeAt(i) !== 10) i += 1;
          i += 1;
          line += 1;
          break;
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === 44 || c === 10 || c === 13) break;
          i += 1;
        }
        field = text.slice(start, i);
      }
      fields.push(field);
      field = "";
      const c = text.charCodeAt(i);
      if (c === 44) {
        i += 1;
        if (i >= n) {
          fields.push("");
          endOfRecord = true;
        }
      } else {
        if (c === 13) i += 1;
        if (text.charCodeAt(i) === 10) i += 1;
        line += 1;
        endOfRecord = true;
      }
      if (i >= n) endOfRecord = true;
    }
    if (endOfRecord && fields.length > 0) yield { line: startLine, fields };
  }
}

/** Decodes the upload as UTF-8 (a byte-order mark is fine); anything else is a clear problem, not mojibake. */
export function decodeCsv(bytes: Uint8Array): { text: string } | { problem: ImportProblem } {
  if (bytes.byteLength > MEMBER_IMPORT_MAX_BYTES) {
    return {
      problem: {
        line: 0,
        message: `The file is ${(bytes.byteLength / 1024 / 1024).toFixed(0)} MB; the most a member import takes is ${MEMBER_IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
      },
    };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    return {
      problem: { line: firstInvalidLine(bytes), message: "The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8” and upload it again." },
    };
  }
}

/** The line of the first byte sequence that is not UTF-8 (Latin-1 or Windows-1252 exports, typically). */
function firstInvalidLine(bytes: Uint8Array): number {
  let line = 1;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (b === 10) line += 1;
    if (b < 0x80) continue;
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return line;
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return line;
    }
    i += need;
  }
  return line;
}

/**
 * Reads a member CSV: a header line naming the columns (email and name required, member id and
 * one column per segment question by its name optional), then a member per line. Everything is
 * checked before anything is written: line-numbered problems, or clean rows.
 */
export function parseMemberCsv(text: string, questions: readonly SegmentQuestion[]): ParsedMemberCsv {
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const report = (line: number, message: string) => {
    problemCount += 1;
    if (problems.length < MAX_REPORTED) problems.push({ line, message });
  };
  const result = (rows: ParsedMemberRow[], segmentKeys: string[]): ParsedMemberCsv => ({ rows: problemCount ? [] : rows, segmentKeys, problems, problemCount });

  const records = csvRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const first = records.next();
  if (first.done) {
    report(1, "The file is empty: it needs a header line such as email,name,member id");
    return result([], []);
  }
  if ("error" in first.value) {
    report(1, first.value.error);
    return result([], []);
  }
  const headerFields = first.value.fields;
  const headers = headerFields.map(normaliseHeader);
  const columnOf: { email?: number; name?: number; memberId?: number } = {};
  const segmentColumns: Array<{ index: number; question: SegmentQuestion }> = [];
  const unknown: string[] = [];
  headers.forEach((header, index) => {
    const fixed = (Object.keys(FIXED_COLUMNS) as Array<keyof typeof FIXED_COLUMNS>).find((key) => (FIXED_COLUMNS[key] as readonly string[]).includes(header));
    const question = questions.find((q) => normaliseHeader(q.name) === header || q.key === header);
    if (fixed) {
      if (columnOf[fixed] !== undefined) report(1, `The column "${headerFields[index]}" appears twice`);
      columnOf[fixed] = index;
    } else if (question) {
      if (segmentColumns.some((c) => c.question.key === question.key)) report(1, `The column "${headerFields[index]}" appears twice`);
      segmentColumns.push({ index, question });
    } else if (header !== "") {
      unknown.push(headerFields[index]!.trim().slice(0, 60));
    } else {
      report(1, `Column ${index + 1} has no name`);
    }
  });
  if (columnOf.email === undefined) report(1, "The email column is missing (the header line needs a column named email)");
  if (columnOf.name === undefined) report(1, "The name column is missing (the header line needs a column named name)");
  if (unknown.length) {
    report(
      1,
      `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.map((u) => `"${u}"`).join(", ")}. Known columns: email, name, member id, ${questions.map((q) => q.name).join(", ")}`,
    );
  }
  if (problemCount) return result([], []);

  const rows: ParsedMemberRow[] = [];
  const lineOfEmail = new Map<string, number>();
  const lineOfMemberId = new Map<string, number>();
  for (const record of records) {
    if ("error" in record) {
      report(record.line, record.error);
      continue;
    }
    const { line, fields } = record;
    if (fields.length === 1 && fields[0]!.trim() === "") continue;
    if (rows.length + problemCount >= MEMBER_IMPORT_MAX_ROWS) {
      report(line, `The file has more than ${MEMBER_IMPORT_MAX_ROWS.toLocaleString("en-US")} members; split it into smaller files`);
      break;
    }
    if (fields.length !== headers.length) {
      report(line, `Expected ${headers.length} fields, found ${fields.length}`);
      continue;
    }
    let bad = false;
    for (const [index, value] of fields.entries()) {
      if (FORMULA_START.test(value)) {
        report(line, `Column "${headerFields[index]}" starts with ${JSON.stringify(value[0])}, which a spreadsheet would run as a formula; remove it`);
        bad = true;
      } else if (CONTROL.test(value)) {
        report(line, `Column "${headerFields[index]}" contains control characters`);
        bad = true;
      }
    }
    if (bad) continue;
    const email = EmailSchema.safeParse(fields[columnOf.email!]);
    if (!email.success) report(line, `Email: ${email.error.issues[0]?.message ?? "not an email address"}`);
    const name = DisplayNameSchema.safeParse(fields[columnOf.name!]);
    if (!name.success) report(line, `Name: ${name.error.issues[0]?.message ?? "not a name"}`);
    const memberId = columnOf.memberId === undefined ? "" : fields[columnOf.memberId]!.trim();
    if (memberId.length > 100) report(line, "Member id: use at most 100 characters");
    const raw: Record<string, string[]> = {};
    for (const { index, question } of segmentColumns) {
      const cell = fields[index]!.trim();
      if (cell) raw[question.key] = question.multiple ? cell.split(MULTI_SEPARATOR) : [cell];
    }
    const { answers, problems: answerProblems } = checkSegmentAnswers(questions, raw);
    for (const problem of answerProblems) report(line, problem);
    if (!email.success || !name.success || memberId.length > 100 || answerProblems.length) continue;
    const key = email.data.toLowerCase();
    const earlier = lineOfEmail.get(key);
    if (earlier !== undefined) {
      report(line, `The email ${email.data} is already on line ${earlier}`);
      continue;
    }
    lineOfEmail.set(key, line);
    if (memberId) {
      const earlierId = lineOfMemberId.get(memberId);
      if (earlierId !== undefined) {
        report(line, `The member id ${memberId} is already on line ${earlierId}`);
        continue;
      }
      lineOfMemberId.set(memberId, line);
    }
    rows.push({ line, email: key, name: name.data, memberId: memberId || null, answers });
  }
  if (rows.length === 0 && problemCount === 0) report(0, "The file has a header line but no members");
  return result(
    rows,
    segmentColumns.map((c) => c.question.key),
  );
}
