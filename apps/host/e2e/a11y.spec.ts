import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { objectiveSlug, DOMAIN, contextFor, ROUTES, urlOf, type Role } from "./routes";

const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

async function expectNoViolations(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(summary, `axe violations on ${path}`).toEqual([]);
}

async function signIn(page: Page, redirectTo: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Email").fill("member@example.org");
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".user-chip")).toBeVisible();
}

const PUBLIC_PAGES = [
  "/",
  `/domains/${DOMAIN}`,
  `/objectives/${objectiveSlug(3)}`,
  "/login",
  "/signup",
  "/priorities",
  "/search",
  "/search?q=library",
  "/no-such-page",
];

test.describe("accessibility (axe, WCAG 2.2 AA)", () => {
  // axe walks every node of long pages; on a busy machine that takes a while.
  test.describe.configure({ timeout: 120_000 });
  for (const path of PUBLIC_PAGES) {
    test(`visitor: ${path}`, async ({ page }) => {
      await expectNoViolations(page, path);
    });
  }

  for (const path of ["/", `/domains/${DOMAIN}?sort=supported`, `/objectives/${objectiveSlug(3)}`, "/priorities", "/me"]) {
    test(`member: ${path}`, async ({ page }) => {
      await signIn(page, path);
      await expectNoViolations(page, path);
    });
  }

  test("error states: over-budget priorities", async ({ page }) => {
    await signIn(page, "/priorities");
    const inputs = page.locator(".priority-item input[type=number]");
    await inputs.nth(0).fill("5");
    await inputs.nth(1).fill("5");
    await inputs.nth(2).fill("5");
    await page.getByRole("button", { name: "Save my points" }).click();
    await expect(page.getByRole("alert").first()).toContainText("this spends 15");
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});

// Every route of both apps, for every role that has pages there (the list the layout suite walks too),
// at a wide and a phone width (the phone header is a different control).
test.describe("axe on every route, every role", () => {
  test.describe.configure({ timeout: 600_000 });
  for (const role of [...new Set(ROUTES.map((r) => r.role))]) {
    test(role, async ({ browser }) => {
      const context = await contextFor(browser, role as Role);
      const page = await context.newPage();
      const failures: string[] = [];
      for (const route of ROUTES.filter((r) => r.role === role)) {
        for (const width of [1280, 360]) {
          await page.setViewportSize({ width, height: 740 });
          await page.goto(urlOf(route));
          await page.waitForLoadState("networkidle");
          const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
          for (const v of results.violations)
            failures.push(`${route.app} ${route.path} @${width}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        }
      }
      expect(failures).toEqual([]);
      await context.close();
    });
  }
});
