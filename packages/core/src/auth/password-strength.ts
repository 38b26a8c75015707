import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { AppError } from "../errors";

/**
 * Server-side only (the estimator and its lists weigh ~1 MB: they never reach a browser bundle).
 * A password passes when zxcvbn rates it 3 or more ("safely unguessable": about 10^8 guesses) and it
 * is not on the common-password list, compared without case. The person's own email and name count
 * as known words.
 */
export const MIN_PASSWORD_SCORE = 3;
export const WEAK_PASSWORD_MESSAGE = "This password is too easy to guess. Use a longer phrase of a few unrelated words.";
export const COMMON_PASSWORD_MESSAGE = "This password is on the list of the most common passwords. Choose another.";

let factory: ZxcvbnFactory | undefined;
let commonPasswords: Set<string> | undefined;

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return factory;
}

function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set((common.dictionary as Record<string, string[] | undefined>)["passwords-common"] ?? []);
  return commonPasswords.has(password.toLowerCase());
}

/** Null when the password is strong enough, otherwise what to tell the person. */
export function passwordProblem(password: string, knownWords: string[] = []): string | null {
  if (isCommonPassword(password)) return COMMON_PASSWORD_MESSAGE;
  const words = knownWords.flatMap((word) => word.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length >= 3);
  // Long passphrases are scored on their first 100 characters: past that, length alone suffices.
  const result = estimator().check(password.slice(0, 100), words);
  return result.score >= MIN_PASSWORD_SCORE ? null : WEAK_PASSWORD_MESSAGE;
}

/** Throws a 400 with the message on `field` when the password is too weak. */
export function assertStrongPassword(password: string, knownWords: string[], field = "password"): void {
  const problem = passwordProblem(password, knownWords);
  if (problem) throw new AppError("BAD_REQUEST", { userMessage: problem, fieldErrors: { [field]: [problem] } });
}
