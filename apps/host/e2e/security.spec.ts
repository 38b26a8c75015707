import { expect, test, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { objectiveSlug } from "./routes";

// Hostile markdown and HTML through comment create and edit, read back in the portal and in the
// admin moderation view: it must be shown as text, never run. Any dialog, any CSP violation, any
// script or frame element or javascript: link in the discussion fails the test.
const marker = `xss-${Date.now()}`;
const HOSTILE_CREATE = [
  `${marker} <script>alert("script")</script>`,
  `<img src=x onerror="alert('img')"> <svg onload="alert('svg')"></svg>`,
  `<iframe src="javascript:alert('iframe')"></iframe>`,
  `[click me](javascript:alert('link')) and [data](data:text/html,<script>alert(1)</script>)`,
  `<a href="javascript:alert('raw')">raw link</a> <style>body{display:none}</style>`,
  `**bold** \`<b>code</b>\` <details open ontoggle="alert('details')">x</details>`,
].join("\n\n");
const HOSTILE_EDIT = `${HOSTILE_CREATE}\n\n<math><mtext><table><mglyph><style><img src=x onerror="alert('mxss')"></style></mglyph></table></mtext></math> edited-${marker}`;

function watchForScripts(page: Page): string[] {
  const problems: string[] = [];
  page.on("dialog", async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load)/i.test(text)) problems.push(`csp: ${text}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

async function expectInert(page: Page, scope: string) {
  const region = page.locator(scope);
  await expect(region.getByText(marker, { exact: false }).first()).toBeVisible();
  expect(await region.locator("script, iframe, object, embed, svg[onload], img[onerror], [ontoggle], style").count()).toBe(0);
  const hrefs = await region.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  for (const href of hrefs) expect(href.trim().toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/);
}

async function signIn(page: Page, base: string, email: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test("hostile comment text is shown inert in the portal, after an edit, and in the admin app", async ({ page, browser }) => {
  test.setTimeout(120_000); // two apps, three sign-ins and two posts
  const problems = watchForScripts(page);
  await signIn(page, urls.portal, "member@example.org");
  await page.goto(`${urls.portal}/objectives/${objectiveSlug(3)}`);
  await page.getByLabel("Add a comment").fill(HOSTILE_CREATE);
  await page
    .getByRole("group", { name: /Stance in this comment/ })
    .getByLabel("Concerned")
    .check();
  await page.getByRole("button", { name: "Post comment" }).click();
  await expectInert(page, ".discussion");

  // Edit it into something nastier, then read it fresh (server-rendered) as well as after navigation.
  const mine = page.locator(".discussion article, .discussion li").filter({ hasText: marker }).first();
  await mine.locator(".comment__action-toggle", { hasText: "Edit" }).first().click();
  await mine.getByLabel("Edit your comment").fill(HOSTILE_EDIT);
  await mine.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`edited-${marker}`).first()).toBeVisible();
  await page.reload();
  await expectInert(page, ".discussion");

  // The moderators' view of the same objective in the admin app.
  const admin = await browser.newPage();
  const adminProblems = watchForScripts(admin);
  await signIn(admin, urls.admin, "moderator@example.org");
  await admin.goto(`${urls.admin}/moderation/objectives/${objectiveSlug(3)}`);
  await expectInert(admin, "main");
  await admin.close();

  expect([...problems, ...adminProblems]).toEqual([]);
});

test("pages run with a nonce-based CSP and no violations", async ({ page }) => {
  const problems = watchForScripts(page);
  const response = await page.goto(`${urls.portal}/`);
  const csp = response!.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}'/);
  const scriptSrc = csp.split(";").find((part) => part.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).not.toContain("unsafe-inline");
  // Hydration ran (the client bundle executed under the policy): a client-side navigation works.
  await page.getByRole("link", { name: "Build an infrastructure to rapidly respond to opportunities and crises." }).click();
  await expect(page).toHaveURL(new RegExp(`/objectives/${objectiveSlug(3)}$`));
  expect(problems).toEqual([]);
});
