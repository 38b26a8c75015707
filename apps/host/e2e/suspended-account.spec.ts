import { expect, test, type Browser, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { objectiveSlug } from "./routes";

// Several people sign in (password hashing each time): more than the default 30 s.
test.describe.configure({ timeout: 180_000 });

async function signIn(browser: Browser, base: string, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Wait for the sign-in to land (its cookie set) before the caller navigates away.
  await expect(page).not.toHaveURL(/\/login/, { timeout: 15_000 });
  return page;
}

test("a suspended administrator sees only the suspended page, and can still export or delete their own data", async ({ browser }) => {
  // Someone joins, is made an administrator, then suspended by the demo administrator.
  const email = `suspended-admin-${Date.now()}@example.org`;
  const password = "a sturdy passphrase for Sue";
  const joiner = await (await browser.newContext()).newPage();
  await joiner.goto("/signup");
  await joiner.getByLabel("Your name").fill("Sue Spended");
  await joiner.getByLabel("Email").fill(email);
  await joiner.getByLabel("Password").fill(password);
  await joiner.getByRole("button", { name: "Create account" }).click();
  await expect(joiner.getByText("Signed in as Sue Spended")).toBeVisible();

  const admin = await signIn(browser, urls.admin, "admin@example.org", "plan-pulse-demo");
  await expect(admin.getByRole("heading", { name: "Overview" })).toBeVisible();
  await admin.goto(`${urls.admin}/users?q=${encodeURIComponent(email)}`);
  await admin.getByLabel("Role of Sue Spended").selectOption("admin");
  await admin.getByRole("button", { name: "Change role" }).click();
  await expect(admin.getByText("Role changed.")).toBeVisible();
  await admin.getByLabel("Reason for suspending Sue Spended").fill("Account reported as compromised");
  await admin.getByRole("button", { name: "Suspend" }).click();
  await expect(admin.getByText("Account suspended and signed out everywhere.")).toBeVisible();

  // The suspended administrator signs in again: every workspace page is the suspended page.
  const sue = await signIn(browser, urls.admin, email, password);
  await expect(sue.getByRole("heading", { name: "Your account is suspended" })).toBeVisible();
  await sue.screenshot({ path: test.info().outputPath("suspended-admin.png"), fullPage: true });
  for (const path of ["/", "/users", "/audit", "/outbox", "/moderation", "/dashboard", "/audit.csv"]) {
    const response = await sue.goto(`${urls.admin}${path}`);
    expect(response?.status(), path).toBe(403);
    if (path !== "/audit.csv") await expect(sue.getByRole("heading", { name: "Your account is suspended" }), path).toBeVisible();
    await expect(sue.getByText("Ada Admin")).toHaveCount(0);
  }

  // On the portal, the same account sees the suspended page, except its own data.
  const member = await signIn(browser, urls.portal, email, password);
  await member.goto(`/objectives/${objectiveSlug(1)}`);
  await expect(member.getByRole("heading", { name: "Your account is suspended" })).toBeVisible();
  await member.setViewportSize({ width: 360, height: 740 });
  await member.screenshot({ path: test.info().outputPath("suspended-portal-360.png"), fullPage: true });
  await member.getByRole("link", { name: "export or delete your own data" }).click();
  await expect(member.getByText("Your account is suspended.")).toBeVisible();
  const download = member.waitForEvent("download");
  await member.getByRole("link", { name: "Download my data" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  await member.getByLabel("Your password, to confirm").fill(password);
  await member.getByRole("button", { name: "Delete my account" }).click();
  await expect(member).toHaveURL(/accountDeleted=1/);
});
