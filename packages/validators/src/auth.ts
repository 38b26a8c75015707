import { z } from "zod";
import { text } from "./text";
import { handleProblem, normaliseHandle } from "./domain/handles";

export const EmailSchema = text({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "An email address has at most 254 characters")
  .pipe(z.email("Enter a valid email address, like name@example.org"));

export const PasswordSchema = text({ error: "Enter a password" }).min(10, "Use at least 10 characters").max(200, "Use at most 200 characters");

/**
 * Characters a name may not hold: control characters (Cc), line and paragraph separators, and
 * invisible format characters (Cf) such as bidi overrides and isolates, which can make a name read
 * backwards or hide text. Zero-width (non-)joiners stay allowed: several scripts need them.
 */
const HIDDEN_NAME_CHARACTERS = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export const DisplayNameSchema = text({ error: "Enter your name" })
  .trim()
  .min(2, "Write at least 2 characters")
  .max(80, "Use at most 80 characters")
  .refine((name) => !HIDDEN_NAME_CHARACTERS.test(name), "Use letters, spaces and punctuation only: this name holds an invisible or control character");

/** A member's @handle as typed (a leading @ and capitals are fine); stored normalised. */
export const HandleSchema = text({ error: "Choose a handle" })
  .max(200, "Use at most 30 characters")
  .transform(normaliseHandle)
  .superRefine((handle, ctx) => {
    const problem = handleProblem(handle);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ChangeHandleSchema = z.object({ handle: HandleSchema });
export type ChangeHandleInput = z.infer<typeof ChangeHandleSchema>;

/** A handle in a URL (/members/:handle); checked loosely, an unknown one is simply not found. */
export const MemberHandleSchema = z.object({ handle: text().max(60, "There is no member with that handle.") });

/** What the member typed after @ in the comment box. */
export const MentionSuggestSchema = z.object({ prefix: text().max(31, "Use at most 30 characters") });

export const SignUpSchema = z.object({
  displayName: DisplayNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  /** Optional: left empty, a handle is made from the display name (editable on /me). */
  handle: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), HandleSchema.optional()),
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email: EmailSchema,
  // Sign-in never reveals the password rules: any non-empty value is checked against the hash.
  password: text({ error: "Enter your password" }).min(1, "Enter your password").max(200, "Use at most 200 characters"),
});
export type SignInInput = z.infer<typeof SignInSchema>;

// Any origin would do: a path is resolved against it and must not leave it.
const OWN_ORIGIN = "http://plan-pulse.invalid";
// Control characters (a browser drops a tab or newline, turning "/\t/evil" into "//evil"), format and
// line-separator characters, and backslashes (read as slashes).
const UNSAFE_IN_PATH = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\\]/u;

/** The value and what it becomes when percent-decoded again and again (a malformed escape stops it). */
function decodedForms(value: string): string[] {
  const forms = [value];
  let current = value;
  for (let round = 0; round < 3 && current.includes("%"); round += 1) {
    try {
      current = decodeURIComponent(current);
    } catch {
      break;
    }
    forms.push(current);
  }
  return forms;
}

/**
 * A path on this site to send someone to, or null: parsed with the URL parser against the site's own
 * origin, refused when it (or its percent-decoded form) holds a control character or a backslash,
 * starts with `//`, or resolves anywhere else (`/..//evil` normalises to `//evil`). The answer is the
 * parser's own serialisation, safe to put in a Location header.
 */
export function safeRedirectPath(value: string): string | null {
  if (value.length > 500 || !value.startsWith("/")) return null;
  const forms = decodedForms(value);
  if (forms.some((form) => UNSAFE_IN_PATH.test(form) || form.startsWith("//"))) return null;
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== OWN_ORIGIN || url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where to go after signing in (or any other redirect a client names): a safe local path, else "/". */
export const RedirectToSchema = text()
  .transform((value, ctx) => {
    const path = safeRedirectPath(value);
    if (path === null) {
      ctx.addIssue({ code: "custom", message: "Not a local path" });
      return z.NEVER;
    }
    return path;
  })
  .catch("/");

export const ChangePasswordSchema = z.object({
  currentPassword: text({ error: "Enter your current password" }).min(1, "Enter your current password").max(200, "Use at most 200 characters"),
  newPassword: PasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

// ── Member import (admin) ─────────────────────────────────────────────────────

/** The admin page that takes the member CSV upload; the host gives this one path a larger body limit. */
export const MEMBER_IMPORT_PATH = "/users/import";
/** The largest member CSV accepted (100,000 members with every column is about 15 MB). */
export const MEMBER_IMPORT_MAX_BYTES = 40 * 1024 * 1024;
export const MEMBER_IMPORT_MAX_ROWS = 200_000;

/** Server-side only: the admin page's action hands the uploaded bytes to the caller (never JSON over /api/trpc). */
export const MemberImportCheckSchema = z.object({
  fileName: text().max(300, "Use a shorter file name"),
  bytes: z.instanceof(Uint8Array, { message: "Choose a CSV file to upload" }),
});
export const MemberImportIdSchema = z.object({ importId: z.coerce.number().int().positive().max(2_147_483_647) });
/** Start an applied import; `invite`: mail each member it creates an invitation. */
export const MemberImportStartSchema = MemberImportIdSchema.extend({ invite: z.boolean().optional() });
/** Import invitations leave at most this fast (a steady rate the mail server and spam filters accept). */
export const MEMBER_INVITATIONS_PER_MINUTE = 120;

/** A single-use link's token (email verification, password reset); anything else is "not valid". */
export const AccountTokenSchema = text({ error: "This link is not valid" }).trim().min(1, "This link is not valid").max(100, "This link is not valid");
export const TokenInputSchema = z.object({ token: AccountTokenSchema });

export const ForgotPasswordSchema = z.object({ email: EmailSchema });
export type ForgotPasswordInput = z.infer<typeof ForgotPasswordSchema>;

/** Same strength rules as sign-up: the new password goes through PasswordSchema. */
export const ResetPasswordSchema = z.object({ token: AccountTokenSchema, newPassword: PasswordSchema });
export type ResetPasswordInput = z.infer<typeof ResetPasswordSchema>;

export const ChangeEmailSchema = z.object({
  email: EmailSchema,
  password: text({ error: "Enter your current password" }).min(1, "Enter your current password").max(200, "Use at most 200 characters"),
});
export type ChangeEmailInput = z.infer<typeof ChangeEmailSchema>;
