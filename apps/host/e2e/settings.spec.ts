import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { urls } from "../playwright.config";

const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d0b3a80000000049454e44ae426082",
  "hex",
);

async function signInToAdmin(page: Page) {
  await page.goto(`${urls.admin}/login`);
  await page.getByLabel("Email").fill("admin@example.org");
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

async function expectNoViolations(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(summary, `axe violations on ${url}`).toEqual([]);
}

test.describe.serial("organisation settings and profile questions", () => {
  test("an admin renames the organisation; every page shows it; bad colour and files get field errors", async ({ page }) => {
    test.setTimeout(120_000);
    await signInToAdmin(page);
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Organisation settings" })).toBeVisible();
    const original = {
      name: await page.getByLabel("Organisation’s name").inputValue(),
      title: await page.getByLabel("Portal title").inputValue(),
      label: await page.getByLabel("Official-response label").inputValue(),
    };

    // A colour that fails contrast: a field error, nothing saved.
    await page.getByLabel("Accent colour (optional)").fill("#ffd700");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.locator("#org-accentColour-error")).toContainText("contrast of");
    await page.goto(`${urls.portal}/`);
    await expect(page.locator(".site-header")).toContainText(original.title);

    await page.goto(`${urls.admin}/settings`);
    await page.getByLabel("Organisation’s name").fill("Harbour Wardens Society");
    await page.getByLabel("Portal title").fill("Wardens Voice");
    await page.getByLabel("Official-response label").fill("Answer from the Society");
    await page.getByLabel("Accent colour (optional)").fill("#0f5132");
    await page.getByLabel("Date format").selectOption("iso");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await expect(page.locator(".site-header")).toContainText("Wardens Voice");

    // Logo: a text file named .png is refused by its content; a real PNG is served by the app.
    const dir = mkdtempSync(join(tmpdir(), "planpulse-logo-"));
    writeFileSync(join(dir, "fake.png"), "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>");
    writeFileSync(join(dir, "logo.png"), PNG);
    await page.getByLabel("Upload a logo").setInputFiles(join(dir, "fake.png"));
    await page.getByRole("button", { name: "Upload logo" }).click();
    await expect(page.getByText(/must be a PNG, JPEG, GIF or WebP/).first()).toBeVisible();
    await page.getByLabel("Upload a logo").setInputFiles(join(dir, "logo.png"));
    await page.getByRole("button", { name: "Upload logo" }).click();
    await expect(page.getByText(/Logo saved \(PNG/)).toBeVisible();
    const logo = await page.request.get(`${urls.portal}/logo`);
    expect(logo.status()).toBe(200);
    expect(logo.headers()["content-type"]).toBe("image/png");
    expect(Buffer.from(await logo.body()).equals(PNG)).toBe(true);

    await page.goto(`${urls.portal}/`);
    await expect(page).toHaveTitle(/Wardens Voice/);
    await expect(page.locator(".site-header")).toContainText("Harbour Wardens Society");
    await expect(page.locator(".site-header img.brand__logo")).toHaveCount(1);
    const css = await page.locator("head style").allTextContents();
    expect(css.join("")).toContain("--blue:#0f5132");

    // Put the names back for the other specs.
    await page.goto(`${urls.admin}/settings`);
    await page.getByLabel("Organisation’s name").fill(original.name);
    await page.getByLabel("Portal title").fill(original.title);
    await page.getByLabel("Official-response label").fill(original.label);
    await page.getByLabel("Accent colour (optional)").fill("");
    await page.getByLabel("Date format").selectOption("medium");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await page.getByRole("button", { name: "Remove the logo" }).click();
    await expect(page.getByText("Logo removed.")).toBeVisible();
  });

  test("an admin adds a question and options; a duplicate option is a field error", async ({ page }) => {
    test.setTimeout(120_000);
    await signInToAdmin(page);
    await page.goto(`${urls.admin}/settings/profile-questions`);
    await expect(page.getByRole("heading", { level: 1, name: "Profile questions" })).toBeVisible({ timeout: 20_000 });
    const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Add question" }) });
    await add.getByLabel("Question", { exact: true }).fill("Which region are you in?");
    await add.getByLabel("Key", { exact: true }).fill("region_e2e");
    await add.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Add question" }).click();
    await expect(page.getByText("Question added.")).toBeVisible();
    const section = page.getByRole("region", { name: "Which region are you in?" });
    await section.getByLabel("New option for “Which region are you in?”").fill("North");
    await section.getByRole("button", { name: "Add option" }).click();
    await expect(page.getByText("Option added.")).toBeVisible();
    await section.getByLabel("New option for “Which region are you in?”").fill("north");
    await section.getByRole("button", { name: "Add option" }).click();
    await expect(page.getByText(/already has an option called “North”/).first()).toBeVisible();

    // The profile form offers it (one session cookie serves both apps).
    await page.goto(`${urls.portal}/me#profile`);
    await page.getByLabel("Which region are you in?").selectOption("North");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Your profile is saved.")).toBeVisible();
    await expect(page.getByLabel("Which region are you in?")).toHaveValue("North");
  });

  for (const path of ["/settings", "/settings/profile-questions"]) {
    test(`axe: admin ${path}`, async ({ page }) => {
      test.setTimeout(180_000);
      await signInToAdmin(page);
      await expectNoViolations(page, `${urls.admin}${path}`);
    });
  }
});
