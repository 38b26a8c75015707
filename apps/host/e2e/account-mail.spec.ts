import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { linkIn, waitForMail, type CaughtMail } from "./mail";
import { objectiveSlug } from "./routes";

// Sign-ups, password hashing and mail round trips: more than the default 30 s.
test.describe.configure({ timeout: 120_000 });

const OBJECTIVE = `/objectives/${objectiveSlug(3)}`;
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/**
 * The mail's HTML part as a member's mail program shows it. Into the test's output folder (test-results,
 * never committed); E2E_MAIL_SCREENSHOTS_DIR=docs/screenshots/mail (from the repository root) refreshes the
 * ones the docs show.
 */
async function screenshotMail(browser: Browser, mail: CaughtMail, name: string) {
  const wanted = process.env.E2E_MAIL_SCREENSHOTS_DIR;
  const screenshotsDir = wanted ? resolve(fileURLToPath(new URL("../../../", import.meta.url)), wanted) : test.info().outputPath("mail");
  mkdirSync(screenshotsDir, { recursive: true });
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.setContent(mail.html);
    await page.screenshot({ path: join(screenshotsDir, `${name}-${width}.png`), fullPage: true });
    await page.close();
  }
}

async function signUp(page: Page, name: string, email: string, redirectTo = OBJECTIVE) {
  await page.goto(`/signup?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator(".user-chip")).toHaveText(`Signed in as ${name}`);
}

test("sign up → verification mail → verified: until then the member reads but cannot support", async ({ page, browser }) => {
  const email = `vera-${unique()}@example.org`;
  await signUp(page, "Vera Verify", email);
  const banner = page.getByRole("region", { name: "Confirm your email address" });
  await expect(banner).toContainText(email);

  // The API refuses, not only the page: the Support button answers with the reason.
  await page.locator(".engagement-panel").getByRole("button", { name: "Support", exact: true }).click();
  await expect(page.getByText(/Confirm your email address first/).first()).toBeVisible();

  // A resend within the minute is refused calmly.
  await banner.getByRole("button", { name: "Send a new link" }).click();
  await expect(page.getByText(/less than a minute ago/)).toBeVisible();

  const mail = await waitForMail(email, "Confirm your email address");
  expect(mail.text).toContain("Vera Verify");
  expect(mail.text).toMatch(/because this address was used for an account/);
  expect(mail.html).toContain("Confirm my email address");
  await screenshotMail(browser, mail, "verify-email");

  const link = linkIn(mail, "/verify-email");
  // Opening the link shows a button (a mail scanner fetching it confirms nothing).
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("heading", { name: "Your email address is confirmed" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Confirm your email address" })).toHaveCount(0);

  // Reused and tampered links: a clear page, nothing changes.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This confirmation link cannot be used" })).toBeVisible();
  await expect(page.getByText("This link has already been used")).toBeVisible();
  await page.goto(`${link.slice(0, -2)}zz`);
  await expect(page.getByText("This link is not valid")).toBeVisible();

  await page.goto(OBJECTIVE);
  await page.locator(".engagement-panel").getByRole("button", { name: "Support", exact: true }).click();
  await expect(page.locator(".engagement-panel").getByRole("button", { name: /Supported|Remove support/ })).toBeVisible();
});

test("forgot password → mail → new password → every old session signed out, member told", async ({ browser }) => {
  const email = `pia-${unique()}@example.org`;
  const first = await (await browser.newContext()).newPage();
  await signUp(first, "Pia Reset", email, "/me");
  const second = await (await browser.newContext()).newPage();

  // The sign-in page links to it; the answer is the same for an address with no account.
  await second.goto("/login");
  await second.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: fill in the one on the new page, once it is there.
  await expect(second.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await second.getByLabel("Email").fill(`nobody-${unique()}@example.org`);
  await second.getByRole("button", { name: "Send the link" }).click();
  const sameAnswer = await second.getByRole("status").textContent();
  await second.goto("/forgot-password");
  await second.getByLabel("Email").fill(email);
  await second.getByRole("button", { name: "Send the link" }).click();
  await expect(second.getByRole("status")).toHaveText(sameAnswer!);

  const mail = await waitForMail(email, "Reset your password");
  await screenshotMail(browser, mail, "reset-password");
  const link = linkIn(mail, "/reset-password");
  await second.goto(link);
  await second.getByLabel("New password", { exact: true }).fill("short");
  await second.getByRole("button", { name: "Save the new password" }).click();
  await expect(second.getByText("Use at least 10 characters")).toBeVisible();
  await second.getByLabel("New password", { exact: true }).fill("a brand new long password");
  await second.getByRole("button", { name: "Save the new password" }).click();
  await expect(second.getByText("Your password was changed and every device was signed out.")).toBeVisible();

  // The first browser's session is gone.
  await first.goto("/me");
  await expect(first).toHaveURL(/\/login/);
  // The link works once.
  await second.goto(link);
  await expect(second.getByRole("heading", { name: "This reset link cannot be used" })).toBeVisible();

  await second.goto("/login");
  await second.getByLabel("Email").fill(email);
  await second.getByLabel("Password").fill("a brand new long password");
  await second.getByRole("button", { name: "Sign in" }).click();
  await expect(second.locator(".user-chip")).toHaveText("Signed in as Pia Reset");

  const told = await waitForMail(email, "Your password was changed");
  expect(told.text).toContain("signed out");
  await screenshotMail(browser, told, "password-changed");
});

test("the staff workspace has the same forgot-password page, linked from its sign-in", async ({ page }) => {
  await page.goto(`${urls.admin}/login`);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(`${urls.admin}/forgot-password`);
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill("moderator@example.org");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that address");
  const mail = await waitForMail("moderator@example.org", "Reset your password");
  expect(linkIn(mail, "/reset-password")).toContain(urls.admin);
});
