import { expect, test, type Browser } from "@playwright/test";
import { urls } from "../playwright.config";

// @mentions (issue #12 item 5): autocomplete by keyboard, a link in the comment, a notification
// for the member mentioned; without JavaScript a typed @handle works the same.
const OBJECTIVE = "/objectives/advocacy-4";
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

async function signedIn(browser: Browser, email: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${urls.portal}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return { context, page };
}

test.describe("mentions", () => {
  test.setTimeout(120_000);

  test("mention by keyboard autocomplete; the member mentioned is told", async ({ browser }) => {
    const tag = unique();
    const { context, page } = await signedIn(browser, "member@example.org");
    await page.goto(`${urls.portal}${OBJECTIVE}`);
    const box = page.getByRole("combobox", { name: "Add a comment" });
    await box.click();
    await box.pressSequentially(`Agreed ${tag}, what do you think @sam-s`);
    const list = page.getByRole("listbox", { name: "Members to mention" });
    await expect(list.getByRole("option", { name: /@sam-staff/ })).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    const active = await box.getAttribute("aria-activedescendant");
    expect(active).toBeTruthy();
    await expect(page.locator(`[id="${active}"]`)).toHaveAttribute("aria-selected", "true");
    // Escape closes the list and keeps the text; typing again reopens it; Enter picks.
    await box.press("Escape");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await box.press("Backspace");
    await box.press("s");
    await expect(list.getByRole("option", { name: /@sam-staff/ })).toBeVisible();
    await box.press("Enter");
    await expect(box).toHaveValue(`Agreed ${tag}, what do you think @sam-staff `);
    await box.pressSequentially("?");
    await page.getByRole("button", { name: "Post comment" }).click();
    const comment = page.locator("article.comment", { hasText: `Agreed ${tag}` });
    // Posting waits on a shared two-core machine: give it time.
    await expect(comment.getByRole("link", { name: "@sam-staff", exact: true })).toHaveAttribute("href", "/members/sam-staff", { timeout: 30_000 });
    await context.close();

    const staff = await signedIn(browser, "staff@example.org");
    await staff.page.goto(`${urls.portal}/me/notifications`);
    await expect(staff.page.getByText("Maya Member mentioned you in a comment").first()).toBeVisible();
    await staff.page.goto(`${urls.portal}/members/sam-staff`);
    await expect(staff.page.getByRole("heading", { name: "Sam Staff" })).toBeVisible();
    await staff.context.close();
  });

  test("without JavaScript a typed @handle mentions the same way", async ({ browser }) => {
    const tag = unique();
    const { context, page } = await signedIn(browser, "leader@example.org", false);
    await page.goto(`${urls.portal}${OBJECTIVE}`);
    await page.getByLabel("Add a comment").fill(`Noted ${tag} @Maya-Member, and @nobody-${tag} and mail x@ada-admin.org`);
    await page.getByRole("button", { name: "Post comment" }).click();
    const comment = page.locator("article.comment", { hasText: `Noted ${tag}` });
    await expect(comment.getByRole("link", { name: "@Maya-Member", exact: true })).toHaveAttribute("href", "/members/maya-member", { timeout: 30_000 });
    await expect(comment.locator(".comment__body a")).toHaveCount(1);
    // Six mentions: a field error, nothing posted.
    await page.getByLabel("Add a comment").fill(`Too many ${tag}: @aaa @bbb @ccc @ddd @eee @fff`);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByText("Mention at most 5 members in one comment").first()).toBeVisible({ timeout: 30_000 });
    await context.close();

    const member = await signedIn(browser, "member@example.org", false);
    await member.page.goto(`${urls.portal}/me/notifications`);
    await expect(member.page.getByText("Lee Leader mentioned you in a comment").first()).toBeVisible();
    await member.context.close();
  });
});
