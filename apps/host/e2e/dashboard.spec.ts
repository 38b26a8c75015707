import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { ALA_ONLY, DOMAIN, notAla, objectiveSlug, SEGMENTS } from "./routes";

const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
const URGENT_TEXT = "Build an infrastructure to rapidly respond to opportunities and crises.";

async function signInToAdmin(page: Page, email: string) {
  await page.goto(`${urls.admin}/login`);
  await page.getByLabel("Email").fill(email);
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

/** The role, name and expanded state Chromium gives an element (what assistive technology is told). */
async function chromeAccessibility(page: Page, selector: string): Promise<{ role: unknown; name: unknown; expanded: unknown }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
    const node = nodes[0]!;
    return { role: node.role?.value, name: node.name?.value, expanded: node.properties?.find((p) => p.name === "expanded")?.value.value };
  } finally {
    await cdp.detach();
  }
}

test.describe.serial("leadership dashboard", () => {
  test("an overdue milestone on an urgent objective becomes an alert", async ({ page }) => {
    test.skip(notAla, ALA_ONLY);
    await signInToAdmin(page, "admin@example.org");
    await page.goto(`${urls.admin}/progress/${objectiveSlug(3)}`);
    const due = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const form = page.locator("form").filter({ has: page.locator('input[name="intent"][value="add-milestone"]') });
    await form.locator('input[name="title"]').fill("Publish the rapid-response playbook");
    await form.locator('input[name="dueDate"]').fill(due);
    await form.getByRole("button", { name: "Add milestone" }).click();
    await expect(page.getByText("Milestone added.")).toBeVisible();
  });

  test("a leader reads the dashboard, drills into the alert and downloads a CSV", async ({ page }) => {
    test.skip(notAla, ALA_ONLY);
    await signInToAdmin(page, "leader@example.org");
    await page.getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Leadership dashboard" })).toBeVisible();
    const alerts = page.getByRole("region", { name: "Alerts" });
    await expect(alerts.getByRole("link", { name: URGENT_TEXT })).toBeVisible();
    await expect(alerts).toContainText("1 milestone is overdue");
    await expect(page.getByText("members took part in the last 7 days")).toBeVisible();
    await expect(page.locator(".insight-table__objective")).toHaveCount(22);
    await expect(page.getByRole("img", { name: /Progress against members' net stance/ })).toBeVisible();

    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download objectives (CSV)" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^plan-pulse-objectives-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^domain,objective,slug,urgent,status,percent_complete/);
    expect(lines).toHaveLength(23);
    expect(csv).toContain(`${objectiveSlug(3)},yes`);

    await alerts.getByRole("link", { name: URGENT_TEXT }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/objectives/${objectiveSlug(3)}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(URGENT_TEXT);
    await expect(page.getByRole("region", { name: "Alerts for this objective" })).toContainText("overdue");
    await page.getByLabel("Tone", { exact: true }).selectOption("negative");
    await page.getByRole("button", { name: "Show comments" }).click();
    await expect(page).toHaveURL(/tone=negative/);
    await expect(page.getByText(/0 comments match/)).toBeVisible();
  });

  test("each domain is one line of figures; its objectives open by keyboard, by pointer and without JavaScript", async ({ page, browser }) => {
    await signInToAdmin(page, "leader@example.org");
    await page.goto(`${urls.admin}/dashboard`);
    const folds = page.locator("details.domain-fold");
    const count = await folds.count();
    expect(count).toBeGreaterThan(1);
    // Summary first: every fold starts closed, so no objective row shows until asked for.
    expect(await folds.evaluateAll((all) => all.filter((fold) => (fold as HTMLDetailsElement).open).length)).toBe(0);
    await expect(page.locator(".insight-table__objective").first()).toBeHidden();
    const first = folds.first();
    const summary = first.locator("summary");
    await expect(summary).toContainText(/\d+ objectives?/);
    await expect(summary).toContainText("complete on average");
    // What a screen reader hears, from Chromium's own accessibility tree: the figures as the name, and the state.
    expect(await chromeAccessibility(page, "details.domain-fold > summary")).toMatchObject({
      expanded: false,
      name: expect.stringMatching(/objectives?.*; .*complete on average/),
    });
    await summary.focus();
    await page.keyboard.press("Enter");
    await expect(first.locator(".insight-table__objective").first()).toBeVisible();
    expect(await chromeAccessibility(page, "details.domain-fold > summary")).toMatchObject({ expanded: true });
    await page.keyboard.press("Space");
    await expect(first.locator(".insight-table__objective").first()).toBeHidden();
    await folds.nth(1).locator("summary").click();
    await expect(folds.nth(1).locator(".insight-table__objective").first()).toBeVisible();
    // Every objective is still in the page (for find-in-page and the CSV twin), once.
    const objectives = await page.locator(".insight-table__objective").count();
    const csv = await page.request.get(`${urls.admin}/dashboard/export/objectives.csv`);
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(objectives + 1);
    // Opened, every objective table passes axe too (closed folds hide them from the page-level scans).
    await folds.evaluateAll((all) => all.forEach((fold) => ((fold as HTMLDetailsElement).open = true)));
    const opened = await new AxeBuilder({ page }).include(".domain-folds").withTags(TAGS).analyze();
    expect(opened.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const plain = await noScript.newPage();
    await plain.goto(`${urls.admin}/dashboard`);
    const plainFold = plain.locator("details.domain-fold").first();
    await expect(plainFold.locator(".insight-table__objective").first()).toBeHidden();
    await plainFold.locator("summary").click();
    await expect(plainFold.locator(".insight-table__objective").first()).toBeVisible();
    await noScript.close();
  });

  test("bad dashboard addresses answer clearly, never 500", async ({ page }) => {
    await signInToAdmin(page, "leader@example.org");
    const bad = await page.goto(`${urls.admin}/dashboard?segment=shoe-size`);
    expect(bad?.status()).toBe(400);
    await expect(page.getByRole("heading", { name: "That dashboard view does not exist" })).toBeVisible();
    const missing = await page.goto(`${urls.admin}/dashboard/objectives/${DOMAIN}-99`);
    expect(missing?.status()).toBe(404);
    const badFilter = await page.goto(`${urls.admin}/dashboard/objectives/${objectiveSlug(3)}?tone=furious`);
    expect(badFilter?.status()).toBe(400);
    const unknownTable = await page.request.get(`${urls.admin}/dashboard/export/secrets.csv`);
    expect(unknownTable.status()).toBe(400);
  });

  test("members and staff without a leadership role are refused", async ({ page }) => {
    await signInToAdmin(page, "staff@example.org");
    await expect(page.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
    const response = await page.goto(`${urls.admin}/dashboard`);
    expect(response?.status()).toBe(403);
  });

  for (const path of [
    "/dashboard",
    `/dashboard?segment=${SEGMENTS[0]}`,
    `/dashboard/objectives/${objectiveSlug(3)}`,
    `/dashboard/objectives/${objectiveSlug(3)}?segment=${SEGMENTS[1]}&tone=negative`,
  ]) {
    test(`axe: admin ${path}`, async ({ page }) => {
      test.setTimeout(180_000);
      await signInToAdmin(page, "leader@example.org");
      await expectNoViolations(page, `${urls.admin}${path}`);
    });
  }
});

test("axe: the public Strategic Plan Dashboard", async ({ page }) => {
  test.setTimeout(180_000);
  await expectNoViolations(page, `${urls.portal}/dashboard`);
});

test("anyone can read the public Strategic Plan Dashboard", async ({ page }) => {
  test.skip(notAla, ALA_ONLY);
  await page.goto("/");
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Strategic Plan Dashboard" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Urgent priorities" })).toBeVisible();
  await expect(page.locator(".insight-table__objective")).toHaveCount(22);
  await expect(page.locator(".objective-list .urgent-badge")).toHaveCount(5);
});
