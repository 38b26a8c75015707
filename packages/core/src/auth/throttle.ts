import { createHash } from "node:crypto";
import type { DB, Kysely } from "@planpulse/db";
import { lockThrottleRows, writeThrottleRow } from "@planpulse/auth";
import { AppError } from "../errors";

/**
 * A growing delay: the first `free` attempts in a quiet spell pass at once; each one after waits
 * twice as long as the last, from `baseMs` up to `capMs`. After `forgetAfterMs` without an
 * attempt the count starts over. Nothing is ever locked for good (decision 014).
 */
export type ThrottleRule = { free: number; baseMs: number; capMs: number; forgetAfterMs: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const THROTTLE_RULES = {
  /** An account at an address it has signed in from before: a stranger elsewhere never touches it. */
  signInKnownPair: { free: 5, baseMs: SECOND, capMs: 15 * MINUTE, forgetAfterMs: 15 * MINUTE },
  /** An account from an address it has not signed in from: spraying one account from many addresses. */
  signInAccount: { free: 5, baseMs: SECOND, capMs: 5 * MINUTE, forgetAfterMs: 15 * MINUTE },
  /** One address trying accounts that never signed in from it: one address spraying many accounts. */
  signInAddress: { free: 30, baseMs: SECOND, capMs: MINUTE, forgetAfterMs: 15 * MINUTE },
  /** New accounts from one address (every attempt counts, success or not). */
  signUpAddress: { free: 20, baseMs: 10 * SECOND, capMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE },
} as const satisfies Record<string, ThrottleRule>;

/** How long a successful sign-in keeps an (account, address) pair known. */
export const KNOWN_PAIR_LIFETIME_MS = 30 * 24 * 60 * MINUTE;

/** Keys are hashed: the table never holds an email address or an IP address. */
export function throttleKey(kind: string, value: string): string {
  return `${kind}:${createHash("sha256").update(value).digest("hex")}`;
}

export function delayAfter(rule: ThrottleRule, attempts: number): number {
  if (attempts < rule.free) return 0;
  return Math.min(rule.capMs, rule.baseMs * 2 ** Math.min(attempts - rule.free, 30));
}

export function tooManyAttempts(waitMs: number, what: string): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / SECOND));
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new AppError("TOO_MANY_REQUESTS", { userMessage: `Too many ${what} attempts in a short time. Wait ${wait}, then try again.` });
}

/**
 * Reserves one attempt on every key before any password is checked: the rows are locked, the wait
 * is checked, and the attempt is counted (as if it failed) in one transaction. Parallel requests
 * queue on the row locks, so each sees the ones before it; none can slip past the count.
 */
export async function reserveAttempt(db: Kysely<DB>, entries: Array<{ key: string; rule: ThrottleRule }>, what: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rows = await lockThrottleRows(
      trx,
      entries.map((e) => e.key),
      now,
    );
    let waitMs = 0;
    const next = rows.map((row) => {
      const rule = entries.find((e) => e.key === row.key)!.rule;
      const quiet = now.getTime() - row.last_at.getTime() > rule.forgetAfterMs && row.next_allowed_at.getTime() <= now.getTime();
      const failures = quiet ? 0 : row.failures;
      waitMs = Math.max(waitMs, row.next_allowed_at.getTime() - now.getTime());
      const attempts = failures + 1;
      return { ...row, failures: attempts, next_allowed_at: new Date(now.getTime() + delayAfter(rule, attempts)), last_at: now };
    });
    if (waitMs > 0) throw tooManyAttempts(waitMs, what);
    for (const row of next) await writeThrottleRow(trx, row);
  });
}
