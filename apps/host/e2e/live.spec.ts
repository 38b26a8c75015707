import { expect, test, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { contextFor, objectiveSlug } from "./routes";

// Live pages (decision 023): what one person does shows on another's open page without a reload.
const OBJECTIVE = "/objectives/advocacy-5";
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

const supportersOf = (page: Page) => page.locator(".objective-figures div", { has: page.locator("dt", { hasText: "Supporters" }) }).locator("strong");
const commentsOf = (page: Page) => page.locator(".objective-figures div", { has: page.locator("dt", { hasText: "Discussion" }) }).locator("strong");

/** Opens a page and waits until its event stream is open (the server has answered with its first event). */
async function openLive(page: Page, url: string) {
  const stream = page.waitForResponse((response) => response.url().includes("/events?"));
  await page.goto(url);
  expect((await stream).status()).toBe(200);
  // A marker that a reload would wipe: the page must change in place.
  await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1));
}
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker === 1);

test.describe("live pages", () => {
  test.setTimeout(120_000);

  test("a member's own Support stays as they left it when the live count of their vote arrives", async ({ browser }) => {
    const member = await contextFor(browser, "member");
    const page = await member.newPage();
    await openLive(page, `${urls.portal}/objectives/${objectiveSlug(1)}`);
    const button = page.locator("#your-part").getByRole("button", { name: /^Support(ed)?$/ });
    const wasSupported = (await button.getAttribute("aria-pressed")) === "true";
    const before = Number(await supportersOf(page).first().innerText());
    // The vote's own answer is held back until the live count has arrived (it often comes first).
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.route("**/api/trpc/vote.toggle**", async (route) => {
      const response = await route.fetch();
      await answered;
      await route.fulfill({ response });
    });
    await button.click();
    // The figures follow the vote through the page's own event stream…
    await expect(supportersOf(page).first()).toHaveText(String(before + (wasSupported ? -1 : 1)), { timeout: 15_000 });
    // …and the button still says what the member did, so pressing it again undoes exactly that.
    await expect(button).toHaveAttribute("aria-pressed", String(!wasSupported));
    answer();
    await page.unrouteAll({ behavior: "wait" });
    await expect(button).toHaveAttribute("aria-pressed", String(!wasSupported));
    await button.click();
    await expect(button).toHaveAttribute("aria-pressed", String(wasSupported));
    await expect(supportersOf(page).first()).toHaveText(String(before), { timeout: 15_000 });
    await page.reload();
    await expect(page.locator("#your-part").getByRole("button", { name: /^Support(ed)?$/ })).toHaveAttribute("aria-pressed", String(wasSupported));
    expect(await stillSamePage(page)).toBe(false);
    await member.close();
  });

  test("a visitor's open objective page follows a member's support and comment without a reload", async ({ browser }) => {
    const visitor = await browser.newContext();
    const watching = await visitor.newPage();
    await openLive(watching, `${urls.portal}${OBJECTIVE}`);
    const supportersBefore = Number(await supportersOf(watching).first().innerText());
    const commentsBefore = Number(await commentsOf(watching).first().innerText());
    // The polite live region is there from the start (an empty one), so screen readers hear its changes.
    await expect(watching.locator("[aria-live=polite]").first()).toBeAttached();

    const member = await contextFor(browser, "member");
    const acting = await member.newPage();
    await acting.goto(`${urls.portal}${OBJECTIVE}`);
    await acting.locator("#your-part").getByRole("button", { name: "Support", exact: true }).click();
    await expect(acting.locator("#your-part").getByRole("button", { name: "Supported" })).toBeVisible({ timeout: 30_000 });

    await expect(supportersOf(watching).first()).toHaveText(String(supportersBefore + 1), { timeout: 15_000 });

    const text = `Live comment ${unique()}`;
    await acting.getByLabel("Add a comment").fill(text);
    await acting.getByRole("button", { name: "Post comment" }).click();
    await expect(acting.getByText(text, { exact: true })).toBeVisible({ timeout: 30_000 });

    // The thread does not move under the reader: the new comment waits behind a button.
    const show = watching.getByRole("button", { name: "1 new comment — show it" });
    await expect(show).toBeVisible({ timeout: 15_000 });
    await expect(watching.getByText(text, { exact: true })).toHaveCount(0);
    await expect(watching.locator("[aria-live=polite]").filter({ hasText: "1 new comment." })).toBeAttached();
    await show.click();
    await expect(watching.getByText(text, { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(show).toHaveCount(0);
    await expect(commentsOf(watching).first()).toHaveText(String(commentsBefore + 1));
    expect(await stillSamePage(watching)).toBe(true);
    await visitor.close();
    await member.close();
  });

  test("the responses queue says it changed when a member comments", async ({ browser }) => {
    const staff = await contextFor(browser, "staff");
    const queue = await staff.newPage();
    await openLive(queue, `${urls.admin}/responses`);
    const member = await contextFor(browser, "member");
    const acting = await member.newPage();
    await acting.goto(`${urls.portal}${OBJECTIVE}`);
    await acting.getByLabel("Add a comment").fill(`Queue comment ${unique()}`);
    await acting.getByRole("button", { name: "Post comment" }).click();
    const refresh = queue.getByRole("button", { name: /^\d+ new updates? — refresh$/ });
    await expect(refresh).toBeVisible({ timeout: 15_000 });
    await refresh.click();
    await expect(refresh).toHaveCount(0);
    expect(await stillSamePage(queue)).toBe(true);
    await staff.close();
    await member.close();
  });

  test("without JavaScript the objective page is the same page, with no stream and no live notice", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const streams: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/events")) streams.push(request.url());
    });
    await page.goto(`${urls.portal}${OBJECTIVE}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(supportersOf(page).first()).toBeVisible();
    await expect(page.locator(".live-notice")).toHaveCount(0);
    expect(streams).toEqual([]);
    await context.close();
  });
});
