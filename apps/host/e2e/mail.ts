import { expect, type Page } from "@playwright/test";
import { mailApi } from "../playwright.config";

export type CaughtMail = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId?: string;
  headers: Record<string, string>;
  rawHeaders: Record<string, string>;
};

/** Mail the host sent to `address` (through real SMTP, read from the e2e mail catcher). */
export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const response = await fetch(`${mailApi}/messages?to=${encodeURIComponent(address)}`);
  return (await response.json()) as CaughtMail[];
}

/** Waits for the `nth` (1-based) message to `address` whose subject matches. */
export async function waitForMail(address: string, subject: string | RegExp, nth = 1): Promise<CaughtMail> {
  const matches = async () => (await mailsTo(address)).filter((m) => (typeof subject === "string" ? m.subject === subject : subject.test(m.subject)));
  await expect.poll(async () => (await matches()).length, { timeout: 20_000, message: `mail "${subject}" to ${address}` }).toBeGreaterThanOrEqual(nth);
  return (await matches())[nth - 1]!;
}

export function linkIn(mail: CaughtMail, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path}\\?token=[a-z2-7]+`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in "${mail.subject}"`);
  return match[0];
}

/** Opens the verification mail's link and confirms, as a member would; then returns to `returnTo`. */
export async function verifyEmailFromMail(page: Page, address: string, returnTo?: string) {
  const mail = await waitForMail(address, "Confirm your email address");
  await page.goto(linkIn(mail, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("heading", { name: "Your email address is confirmed" })).toBeVisible();
  if (returnTo) await page.goto(returnTo);
}
