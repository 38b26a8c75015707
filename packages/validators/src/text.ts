import { z } from "zod";

// A NUL byte cannot be stored in PostgreSQL text, and a lone UTF-16 surrogate is not a character at
// all (it cannot be encoded as UTF-8): both are refused as bad input, with a message, never a 500.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = "Remove the invisible or broken character from this text (a NUL byte or half of an emoji).";

/** True when a string can be stored and shown as it is. */
export function isStorableText(value: string): boolean {
  return !NUL_OR_LONE_SURROGATE.test(value);
}

/**
 * The one string rule: every string field in the shared schemas starts here instead of `z.string()`,
 * so none of them lets a NUL byte or a lone surrogate through to the database.
 */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE, abort: true });
}
