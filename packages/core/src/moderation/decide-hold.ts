import type { DB, Kysely, Transaction } from "@planpulse/db";
import { countVisibleCommentsByAuthor, findModerationSettings } from "./queries";
import { findUserById } from "@planpulse/auth";

export const MAX_LINKS_BEFORE_HOLD = 3;

const LINK_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>()]+/giu;

export function countLinks(body: string): number {
  return body.match(LINK_PATTERN)?.length ?? 0;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The watch-list entries that occur in the text as whole words (or whole phrases), ignoring letter
 * case: "spam" matches "Spam!" but not "spammer".
 */
export function matchWatchWords(body: string, words: readonly string[]): string[] {
  const matched: string[] = [];
  for (const word of words) {
    const trimmed = word.trim();
    if (!trimmed) continue;
    const phrase = trimmed.split(/\s+/).map(escapeForRegExp).join("\\s+");
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${phrase}(?![\\p{L}\\p{N}_])`, "iu");
    if (pattern.test(body)) matched.push(trimmed);
  }
  return matched;
}

export type HoldDecision = { status: "visible" | "held"; heldReason: string | null };

/**
 * Whether a new comment waits for a moderator before others see it. Call it before inserting the
 * comment. Staff, moderators and admins are never held.
 */
export async function decideHold(db: Kysely<DB> | Transaction<DB>, input: { authorId: number; body: string }): Promise<HoldDecision> {
  const [author, settings] = await Promise.all([findUserById(db, input.authorId), findModerationSettings(db)]);
  if (!author || author.role !== "member") return { status: "visible", heldReason: null };
  const reasons: string[] = [];
  if (settings.hold_first_posts && (await countVisibleCommentsByAuthor(db, input.authorId)) === 0) {
    reasons.push("First post from this member");
  }
  const links = countLinks(input.body);
  if (links > MAX_LINKS_BEFORE_HOLD) reasons.push(`Contains ${links} links (more than ${MAX_LINKS_BEFORE_HOLD})`);
  const words = matchWatchWords(input.body, settings.watch_words);
  if (words.length > 0) reasons.push(`Matches the word list: ${words.map((w) => `“${w}”`).join(", ")}`);
  return reasons.length > 0 ? { status: "held", heldReason: reasons.join("; ") } : { status: "visible", heldReason: null };
}
