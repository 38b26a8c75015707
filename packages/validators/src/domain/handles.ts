// Member handles and @mentions: the one browser-safe home for what a handle is and where a mention
// sits in a comment. The database's auto-handle function (migration 0065) follows the same rules.

export const HANDLE_MIN = 3;
export const HANDLE_MAX = 30;
/** A handle as stored: lower case a–z, digits, `_` and `-`, 3 to 30 characters. */
export const HANDLE_PATTERN = /^[a-z0-9_-]{3,30}$/;
/** Mentions that notify (and render as links) per comment; a comment naming more is refused with a field error. */
export const MAX_MENTIONS_PER_COMMENT = 5;

/**
 * Words no member may take as a handle: they would read as the association speaking, or as a
 * broadcast (`@everyone`). The organisation's short name is reserved too (checked where it is known).
 * Migration 0065's `handle_is_reserved()` holds the same list for handles made automatically.
 */
export const RESERVED_HANDLES: readonly string[] = [
  "admin",
  "administrator",
  "admins",
  "staff",
  "moderator",
  "moderators",
  "mod",
  "mods",
  "support",
  "help",
  "everyone",
  "here",
  "all",
  "channel",
  "team",
  "official",
  "leader",
  "leadership",
  "system",
  "root",
  "null",
  "undefined",
  "me",
  "you",
  "planpulse",
];

/** The handle as stored (trimmed, a leading @ dropped, lower case); validity is checked separately. */
export function normaliseHandle(raw: string): string {
  return raw.trim().replace(/^@/, "").toLowerCase();
}

export function isReservedHandle(handle: string, organisationShortName?: string | null): boolean {
  const value = handle.toLowerCase();
  if (RESERVED_HANDLES.includes(value)) return true;
  const shortName = organisationShortName ? normaliseHandle(organisationShortName) : "";
  return shortName !== "" && value === shortName;
}

/** Why a handle cannot be used, or null when its form is fine (taken-ness is the database's to say). */
export function handleProblem(raw: string, organisationShortName?: string | null): string | null {
  const handle = normaliseHandle(raw);
  if (handle.length < HANDLE_MIN) return `Use at least ${HANDLE_MIN} characters`;
  if (handle.length > HANDLE_MAX) return `Use at most ${HANDLE_MAX} characters`;
  if (!HANDLE_PATTERN.test(handle)) return "Use only letters a–z, digits, _ and -";
  if (isReservedHandle(handle, organisationShortName)) return "That handle is reserved: choose another";
  return null;
}

export type MentionSegment = { type: "text"; text: string } | { type: "mention"; handle: string; text: string };

const HANDLE_CHAR = /[A-Za-z0-9_-]/;
// Before an @: start of text or anything that cannot end a word, an address or a path. So
// `ann@example.org`, `https://x.org/@ann`, `@@ann` and `` `@ann` `` are not mentions.
const NOT_BEFORE_MENTION = /[\p{L}\p{N}_\-.@/\\`:+=&#%~]/u;

/**
 * Splits plain text into text and mention segments. Linear: each character is looked at a bounded
 * number of times, whatever the input (10,000 @s included). A run of handle characters longer than
 * a handle is text. Text between backticks is left alone (people quote code that way).
 */
export function splitMentions(text: string): MentionSegment[] {
  const segments: MentionSegment[] = [];
  let plain = "";
  let inCode = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === "`") {
      inCode = !inCode;
      plain += char;
      i += 1;
      continue;
    }
    if (char === "@" && !inCode) {
      const before = i === 0 ? "" : text[i - 1]!;
      if (before === "" || !NOT_BEFORE_MENTION.test(before)) {
        let end = i + 1;
        while (end < text.length && HANDLE_CHAR.test(text[end]!)) end += 1;
        // An email-like continuation (`@ann.example`) or an over-long run is not a mention.
        const length = end - i - 1;
        const after = text[end] ?? "";
        const continues = after === "@" || (after === "." && HANDLE_CHAR.test(text[end + 1] ?? ""));
        if (length >= HANDLE_MIN && length <= HANDLE_MAX && !continues) {
          if (plain) segments.push({ type: "text", text: plain });
          plain = "";
          const written = text.slice(i, end);
          segments.push({ type: "mention", handle: written.slice(1).toLowerCase(), text: written });
          i = end;
          continue;
        }
        plain += text.slice(i, end);
        i = end;
        continue;
      }
    }
    plain += char;
    i += 1;
  }
  if (plain) segments.push({ type: "text", text: plain });
  return segments;
}

// A markdown link `[label](target)`: its label is already a link, so a mention inside it is text.
const MARKDOWN_LINK = /\[[^\]\n]{0,2000}\]\([^)\s]{0,2000}\)/g;

/** The distinct handles a comment mentions, in order of first appearance (reserved words are never mentions). */
export function findMentions(body: string): string[] {
  const seen = new Set<string>();
  for (const segment of splitMentions(body.replace(MARKDOWN_LINK, " "))) {
    if (segment.type === "mention" && !isReservedHandle(segment.handle)) seen.add(segment.handle);
  }
  return [...seen];
}

export const TOO_MANY_MENTIONS_MESSAGE = `Mention at most ${MAX_MENTIONS_PER_COMMENT} members in one comment`;
