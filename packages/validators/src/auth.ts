import { z } from "zod";

export const EmailSchema = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "An email address has at most 254 characters")
  .pipe(z.email("Enter a valid email address, like name@example.org"));

export const PasswordSchema = z
  .string({ error: "Enter a password" })
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const DisplayNameSchema = z
  .string({ error: "Enter your name" })
  .trim()
  .min(2, "Write at least 2 characters")
  .max(80, "Use at most 80 characters");

export const SignUpSchema = z.object({
  displayName: DisplayNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email: EmailSchema,
  // Sign-in never reveals the password rules: any non-empty value is checked against the hash.
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200, "Use at most 200 characters"),
});
export type SignInInput = z.infer<typeof SignInSchema>;

/** Only same-site relative paths may be redirected to after sign-in. */
export const RedirectToSchema = z
  .string()
  .max(500)
  .refine((value) => value.startsWith("/") && !value.startsWith("//") && !value.includes("\\"), "Not a local path")
  .catch("/");

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200, "Use at most 200 characters"),
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
  fileName: z.string().max(300, "Use a shorter file name"),
  bytes: z.instanceof(Uint8Array, { message: "Choose a CSV file to upload" }),
});
export const MemberImportIdSchema = z.object({ importId: z.coerce.number().int().positive().max(2_147_483_647) });
