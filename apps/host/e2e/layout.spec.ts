import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { objectiveSlug, contextFor, ROUTES, urlOf, type Role } from "./routes";

const WIDTHS = [360, 768, 1280] as const;
const PHONE_HEIGHT = 740;

test.describe("every page at every width", () => {
  test.describe.configure({ timeout: 300_000 });
  const roles = [...new Set(ROUTES.map((r) => r.role))];
  for (const role of roles) {
    test(`${role}: no sideways scroll, header within a quarter of a phone screen, screenshots`, async ({ browser }, testInfo) => {
      const folder = join(testInfo.project.outputDir, "screenshots");
      mkdirSync(folder, { recursive: true });
      const context: BrowserContext = await contextFor(browser, role as Role);
      const page = await context.newPage();
      for (const route of ROUTES.filter((r) => r.role === role)) {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: width === 360 ? PHONE_HEIGHT : 900 });
          await page.goto(urlOf(route));
          await page.waitForLoadState("networkidle");
          const where = `${route.app} ${route.path} at ${width}px (${role})`;
          await expect(page.locator("h1").first(), where).toBeVisible();
          const { scrollWidth, innerWidth, header } = await page.evaluate(() => ({
            scrollWidth: document.scrollingElement!.scrollWidth,
            innerWidth: window.innerWidth,
            header: document.querySelector(".site-header")!.getBoundingClientRect().height,
          }));
          expect(scrollWidth, `${where} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
          if (width === 360) expect(header, `${where}: header height`).toBeLessThanOrEqual(PHONE_HEIGHT / 4);
          const name = `${route.app}-${role}-${route.path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}-${width}.png`;
          await page.screenshot({ path: join(folder, name), fullPage: true });
        }
      }
      await context.close();
    });
  }
});

for (const javaScriptEnabled of [true, false]) {
  test(`phone menu opens and closes ${javaScriptEnabled ? "with" : "without"} JavaScript`, async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await contextFor(browser, "member", { javaScriptEnabled, viewport: { width: 360, height: PHONE_HEIGHT } });
    const page = await context.newPage();
    await page.goto(`${urls.portal}/objectives/${objectiveSlug(3)}`);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeHidden();
    const menu = page.locator(".site-menu__button");
    if (javaScriptEnabled) await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(nav).toBeVisible();
    if (javaScriptEnabled) await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "true");
    await nav.getByRole("link", { name: "Priorities" }).click();
    await expect(page).toHaveURL(/\/priorities$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/priorit/i);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await page.waitForLoadState("networkidle");
    // "Your part" sits high on the objective page on a phone: its heading starts within the first two screens.
    await page.goto(`${urls.portal}/objectives/${objectiveSlug(3)}`);
    const top = await page.getByRole("heading", { name: "Your part" }).evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeLessThan(PHONE_HEIGHT * 1.25);
    await context.close();
  });
}

test("the wide header: at most two rows of navigation on the admin app at 1280; 'Join the conversation' keeps its button look", async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await contextFor(browser, "admin", { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${urls.admin}/`);
  const nav = page.getByRole("navigation", { name: "Workspace" });
  await expect(nav).toBeVisible();
  await expect(page.locator(".site-menu")).toBeHidden(); // no Menu button on a wide screen
  const rows = await nav.evaluate((el) => new Set([...el.children].map((c) => Math.round(c.getBoundingClientRect().top / 10))).size);
  expect(rows).toBeLessThanOrEqual(2);
  await context.close();
  const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await visitor.goto(`${urls.portal}/`);
  const join = visitor.getByRole("link", { name: "Join the conversation" });
  // It keeps its button look: a border and padding, not a plain nav link.
  const style = await join.evaluate((el) => ({ border: getComputedStyle(el).borderTopWidth, padding: parseFloat(getComputedStyle(el).paddingLeft) }));
  expect(style.border).not.toBe("0px");
  expect(style.padding).toBeGreaterThan(8);
  await visitor.close();
});

/** True when the brand and every visible nav item (or the Menu button) share one horizontal band: one row. */
async function headerIsOneRow(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll(".site-header__inner > .brand, .site-header__inner .site-menu, .site-header__inner .site-nav > *")].filter(
      (el) => el.getClientRects().length > 0,
    );
    const boxes = items.map((el) => el.getBoundingClientRect());
    return Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
  });
}

test("the portal header is one row at 1280 and 768, for a visitor and for a member (the longest nav)", async ({ browser }) => {
  test.setTimeout(90_000);
  for (const role of ["visitor", "member"] as const) {
    const context = await contextFor(browser, role);
    const page = await context.newPage();
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${urls.portal}/`);
      await expect(page.locator(".site-header")).toBeVisible();
      expect(await headerIsOneRow(page), `${role} at ${width}px`).toBe(true);
    }
    await context.close();
  }
});
