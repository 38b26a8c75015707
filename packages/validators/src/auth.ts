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

/** A single-use link's token (email verification, password reset); anything else is "not valid". */
export const AccountTokenSchema = z.string({ error: "This link is not valid" }).trim().min(1, "This link is not valid").max(100, "This link is not valid");
export const TokenInputSchema = z.object({ token: AccountTokenSchema });

export const ForgotPasswordSchema = z.object({ email: EmailSchema });
export type ForgotPasswordInput = z.infer<typeof ForgotPasswordSchema>;

/** Same strength rules as sign-up: the new password goes through PasswordSchema. */
export const ResetPasswordSchema = z.object({ token: AccountTokenSchema, newPassword: PasswordSchema });
export type ResetPasswordInput = z.infer<typeof ResetPasswordSchema>;

export const ChangeEmailSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200, "Use at most 200 characters"),
});
export type ChangeEmailInput = z.infer<typeof ChangeEmailSchema>;
