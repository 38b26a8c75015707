import { expect, test, type Locator, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { objectiveSlug } from "./routes";

// The main journeys by keyboard alone: Tab to reach a control, Enter or Space to use it; no clicks.
test.describe.configure({ timeout: 120_000 });

/** Presses Tab until `target` has the focus; fails if it is not reached in `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target, `reached by Tab within ${limit} presses`).toBeFocused();
}

async function signInByKeyboard(page: Page, email: string, app: "portal" | "admin" = "portal") {
  await page.goto(`${urls[app]}/login`);
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type("plan-pulse-demo");
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/\/login/);
}

test("a member signs in, supports, comments and opens a reply by keyboard", async ({ page }) => {
  const tag = Date.now().toString(36);
  await signInByKeyboard(page, "member@example.org");
  await page.goto(`/objectives/${objectiveSlug(4)}`);
  await page.waitForLoadState("networkidle");
  const panel = page.locator(".engagement-panel");

  // Support with Space, take it back with Enter.
  const support = panel.getByRole("button", { name: /^Support(ed)?$/ });
  await tabTo(page, support);
  const wasSupported = (await support.textContent())?.trim() === "Supported";
  await page.keyboard.press("Space");
  await expect(panel.getByRole("button", { name: wasSupported ? "Support" : "Supported", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(panel.getByRole("button", { name: wasSupported ? "Supported" : "Support", exact: true })).toBeVisible();

  // A comment: type it, Tab on to Post comment, Enter.
  await tabTo(page, page.getByLabel("Add a comment"));
  await page.keyboard.type(`Typed without a mouse ${tag}`);
  await tabTo(page, page.getByRole("button", { name: "Post comment" }));
  await page.keyboard.press("Enter");
  const mine = page.locator("article.comment--comment", { hasText: `Typed without a mouse ${tag}` });
  await expect(mine).toBeVisible();

  // Reply is a button: Space opens it in place (no scroll jump) with the cursor in the box.
  const reply = mine.locator(":scope > .comment__actions .comment__action-toggle", { hasText: "Reply" });
  await tabTo(page, reply, 200);
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.keyboard.press("Space");
  await expect(reply).toHaveAttribute("aria-expanded", "true");
  await expect(mine.getByLabel("Your reply")).toBeFocused();
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(400);
  await page.keyboard.type(`And a reply ${tag}`);
  await tabTo(page, mine.getByRole("button", { name: "Post reply" }));
  await page.keyboard.press("Enter");
  await expect(mine.locator("article.comment--reply", { hasText: `And a reply ${tag}` })).toBeVisible();
});

test("the phone menu opens, is walked and followed by keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/objectives/${objectiveSlug(3)}`);
  await page.waitForLoadState("networkidle");
  const menu = page.getByRole("button", { name: "Menu" });
  await tabTo(page, menu);
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const priorities = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Priorities" });
  await tabTo(page, priorities, 10);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/priorities$/);
});

test("staff open a reply on the Responses list by keyboard", async ({ page }) => {
  await signInByKeyboard(page, "staff@example.org", "admin");
  await page.goto(`${urls.admin}/responses`);
  await page.waitForLoadState("networkidle");
  const first = page.locator(".triage-item").first();
  test.skip((await first.count()) === 0, "no member comment is waiting for a staff reply in this run");
  const reply = first.getByRole("button", { name: /^Reply/ });
  await tabTo(page, reply, 60);
  await page.keyboard.press("Enter");
  await expect(reply).toHaveAttribute("aria-expanded", "true");
  await expect(first.getByRole("textbox")).toBeFocused();
  // Back to the toggle (past the "Official response" link) and Enter closes it.
  for (let i = 0; i < 4 && !(await reply.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Shift+Tab");
  await expect(reply).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(reply).toHaveAttribute("aria-expanded", "false");
});
