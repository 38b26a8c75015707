import { expect, test } from "@playwright/test";
import { urls } from "../playwright.config";
import { DOMAIN, objectiveSlug } from "./routes";

test("a visitor signs up and sees the plan", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Libraries thrive so everyone can succeed.");
  await page.getByRole("link", { name: "Join the conversation" }).click();
  await page.getByLabel("Your name").fill("Ida Wells");
  await page.getByLabel("Email").fill(`ida-${Date.now()}@example.org`);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Signed in as Ida Wells")).toBeVisible();
  await expect(page.locator(".objective-row")).toHaveCount(22);
  await expect(page.getByText("Urgent priority")).toHaveCount(5);
  await page.getByRole("link", { name: "Build an infrastructure to rapidly respond to opportunities and crises." }).click();
  await expect(page).toHaveURL(new RegExp(`/objectives/${objectiveSlug(3)}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Build an infrastructure to rapidly respond to opportunities and crises.");
});

test("sign-up shows field errors and keeps what was typed", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Al");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.org")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("staff sign in to the admin app and see the overview", async ({ page }) => {
  await page.goto(`${urls.admin}/`);
  await expect(page).toHaveURL(/\/login\?redirectTo=%2F$/);
  await page.getByLabel("Email").fill("staff@example.org");
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("Sam Staff · Staff")).toBeVisible();
});

test("a member is refused by the admin app with a clear page", async ({ page }) => {
  await page.goto(`${urls.admin}/login`);
  await page.getByLabel("Email").fill("member@example.org");
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "This workspace is for association staff" })).toBeVisible();
  const response = await page.request.get(`${urls.admin}/`);
  expect(response.status()).toBe(403);
});

test("a wrong password gets one generic message", async ({ page }) => {
  await page.goto(`${urls.admin}/login`);
  await page.getByLabel("Email").fill("leader@example.org");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").first()).toContainText("That email and password do not match an account.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-in and sign-up work as plain forms", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("No Script");
    await page.getByLabel("Email").fill(`noscript-${Date.now()}@example.org`);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at least 10 characters")).toBeVisible();
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Signed in as No Script")).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  });
});

test("unknown pages answer 404 with a way back", async ({ page }) => {
  const response = await page.goto(`/objectives/${DOMAIN}-99`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the plan" })).toBeVisible();
});
