import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, request, test, type Browser, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { mailsTo, verifyEmailFromMail, waitForMail, type CaughtMail } from "./mail";

// Several people sign up and act in turn, and mail makes round trips: more than the default 30 s.
test.describe.configure({ timeout: 240_000 });

const OBJECTIVE = "/objectives/advocacy-4";
const screenshotsDir = fileURLToPath(new URL("../../../docs/screenshots/mail/", import.meta.url));
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** The mail's HTML part as a member's mail program shows it. */
async function screenshotMail(browser: Browser, mail: CaughtMail, name: string) {
  mkdirSync(screenshotsDir, { recursive: true });
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.setContent(mail.html);
    await page.screenshot({ path: `${screenshotsDir}${name}-${width}.png`, fullPage: true });
    await page.close();
  }
}

async function signUp(browser: Browser, name: string): Promise<{ page: Page; email: string }> {
  const page = await (await browser.newContext()).newPage();
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${unique()}@example.org`;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
  await verifyEmailFromMail(page, email, "/");
  return { page, email };
}

async function adminSignIn(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${urls.admin}/login`);
  await page.getByLabel("Email").fill("admin@example.org");
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return page;
}

const unsubscribeLink = (mail: CaughtMail) => {
  const match = /https?:\/\/\S+\/unsubscribe\?token=[\w.-]+/.exec(mail.text);
  if (!match) throw new Error(`no unsubscribe link in "${mail.subject}"`);
  return match[0];
};

test("a reply arrives at once, an official response waits for the digest, and one click unsubscribes", async ({ browser }) => {
  const tag = unique();
  const question = `Will the advocacy kit come in large print? ${tag}`;
  const { page: mia, email: miaEmail } = await signUp(browser, "Mia Mail");
  await mia.goto(OBJECTIVE);
  await mia.getByLabel("Add a comment").fill(question);
  await mia.getByRole("button", { name: "Post comment" }).click();
  const thread = mia.locator("article.comment--comment", { hasText: question });
  await expect(thread).toBeVisible();

  // Her settings show the defaults: replies at once, followed objectives weekly.
  await mia.goto("/me/notifications/settings");
  await expect(mia.getByRole("group", { name: "Replies to my comments" }).getByRole("radio", { name: "At once" })).toBeChecked();
  await expect(
    mia.getByRole("group", { name: "Staff replies and official responses on objectives I follow" }).getByRole("radio", { name: "Weekly digest" }),
  ).toBeChecked();

  // Another member replies: Mia hears at once (after the short coalescing window), by mail.
  const { page: ray } = await signUp(browser, "Ray Reply");
  await ray.goto(OBJECTIVE);
  const rayThread = ray.locator("article.comment--comment", { hasText: question });
  await rayThread.locator(".comment__action-toggle", { hasText: "Reply" }).first().click();
  await rayThread.getByLabel("Your reply").fill(`Yes, and in braille too. ${tag}`);
  await rayThread.getByRole("button", { name: "Post reply" }).click();
  await expect(rayThread.locator("article.comment--reply", { hasText: "braille" })).toBeVisible();

  const reply = await waitForMail(miaEmail, "Ray Reply replied to your comment");
  expect(reply.text).toContain("Hello Mia Mail,");
  expect(reply.text).toContain("“Replies to my comments” is set to at once");
  expect(reply.text).toContain(`${urls.portal}/me/notifications/settings`);
  expect(reply.html).toContain("Unsubscribe</a>");
  expect(reply.rawHeaders["list-unsubscribe"]).toBe(`<${unsubscribeLink(reply)}>`);
  expect(reply.rawHeaders["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  await screenshotMail(browser, reply, "notification-reply");

  // An official response on the objective she follows: weekly by default, so no mail yet.
  const admin = await adminSignIn(browser);
  await admin.goto(`${urls.admin}/responses/official?objective=advocacy-4`);
  await admin.getByRole("textbox", { name: "Official response" }).fill(`Official: large print and braille editions are funded. ${tag}`);
  await admin.getByRole("button", { name: "Post official response" }).click();
  await expect(admin.getByText(/Official response posted and pinned on “/)).toBeVisible();
  await mia.waitForTimeout(6_000);
  expect((await mailsTo(miaEmail)).filter((m) => /official response/.test(m.text))).toHaveLength(0);

  // The operator's "now" (as `pnpm notify:digests -- --now`) sends the weekly digest, grouped by objective.
  await admin.goto(`${urls.admin}/outbox`);
  await admin.getByRole("button", { name: "Send pending notification email now" }).click();
  await expect(admin.getByText(/^Queued \d+ digests? and \d+ messages?\.$/)).toBeVisible();
  const digest = await waitForMail(miaEmail, /^Your weekly digest: \d+ updates?$/);
  expect(digest.text).toContain(`${urls.portal}${OBJECTIVE}`);
  expect(digest.text).toMatch(/Ada Admin|posted an official response on an objective you follow/);
  expect(digest.text).toContain("is set to weekly digest");
  await screenshotMail(browser, digest, "notification-weekly-digest");

  // One click, as a mail program does it (RFC 8058): a POST from elsewhere, without cookies.
  const mailProgram = await request.newContext();
  const oneClick = await mailProgram.post(unsubscribeLink(reply), {
    form: { "List-Unsubscribe": "One-Click" },
    headers: { Origin: "https://mail.example.net", "Sec-Fetch-Site": "cross-site" },
  });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.text()).toContain("no more email about");
  // The exemption is this route's alone: the same cross-site POST elsewhere is refused.
  const elsewhere = await mailProgram.post(`${urls.portal}/me/notifications/settings`, {
    form: { replies: "immediate" },
    headers: { Origin: "https://mail.example.net" },
  });
  expect(elsewhere.status()).toBe(403);
  await mailProgram.dispose();

  await mia.goto("/me/notifications/settings");
  await expect(mia.getByRole("group", { name: "Replies to my comments" }).getByRole("radio", { name: "Off" })).toBeChecked();
  await expect(mia.getByRole("group", { name: "@mentions of me" }).getByRole("radio", { name: "At once" })).toBeChecked();

  // The footer link works without signing in: a page that asks, then a button.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(unsubscribeLink(digest));
  await expect(stranger.getByText("Stop email about Staff replies and official responses on objectives I follow?")).toBeVisible();
  await stranger.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(stranger.getByText(/Done: no more email about Staff replies and official responses/)).toBeVisible();
  // A tampered link: a clear page, nothing changed.
  await stranger.goto(unsubscribeLink(digest).replace(/staff_responses/, "mentions"));
  await expect(stranger.getByText(/This unsubscribe link is not valid/)).toBeVisible();
  await mia.reload();
  await expect(
    mia.getByRole("group", { name: "Staff replies and official responses on objectives I follow" }).getByRole("radio", { name: "Off" }),
  ).toBeChecked();
  await expect(mia.getByRole("group", { name: "@mentions of me" }).getByRole("radio", { name: "At once" })).toBeChecked();

  // Settings change without JavaScript too (a plain form): mentions to a daily digest, her own time zone.
  await mia.getByRole("group", { name: "@mentions of me" }).getByRole("radio", { name: "Daily digest" }).check();
  await mia.getByLabel("Time zone for digests").selectOption("Australia/Sydney");
  await mia.getByRole("button", { name: "Save email settings" }).click();
  await expect(mia.getByText("Saved. New notifications follow these settings.")).toBeVisible();
  await expect(mia.getByRole("group", { name: "@mentions of me" }).getByRole("radio", { name: "Daily digest" })).toBeChecked();
  await expect(mia.getByLabel("Time zone for digests")).toHaveValue("Australia/Sydney");
});
