import { expect, test, type Browser, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { verifyEmailFromMail } from "./mail";
import { objectiveSlug } from "./routes";

const OBJECTIVE = `/objectives/${objectiveSlug(2)}`;

// Several people (each signing in, with password hashing) act in turn: more than the default 30 s.
test.describe.configure({ timeout: 240_000 });

/** A comment's text as rendered (an author's page also holds it in the edit form's textarea). */
const shown = (page: Page, text: string) => page.getByRole("paragraph").filter({ hasText: text });

async function signUp(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@example.org`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
  // Taking part needs a verified address: open the mail the host sent and confirm.
  await verifyEmailFromMail(page, email, "/");
  return page;
}

async function staffSignIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${urls.admin}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return page;
}

test("a flagged comment is hidden with a reason, the author sees why, an admin restores it, and the log shows each step", async ({ browser }) => {
  const body = `Rude words about the committee ${Date.now()}`;
  const author = await signUp(browser, "Ruth Author");
  await author.goto(OBJECTIVE);
  await author.getByLabel("Add a comment").fill(body);
  await author.locator(".discussion__new").getByRole("radio", { name: "Concerned", exact: true }).check();
  await author.getByRole("button", { name: "Post comment" }).click();
  await expect(shown(author, body)).toBeVisible();

  const flagger = await signUp(browser, "Fred Flagger");
  await flagger.goto(OBJECTIVE);
  const comment = flagger.locator("article.comment", { hasText: body });
  await comment.getByText("Flag").click();
  await comment.getByLabel("Abusive or hateful").check();
  await comment.getByRole("button", { name: "Send to moderators" }).click();
  await expect(flagger.locator("article.comment", { hasText: body }).getByText("Thank you: the moderators will take a look.")).toBeVisible();

  const moderator = await staffSignIn(browser, "moderator@example.org");
  await moderator.getByRole("link", { name: "Moderation" }).click();
  await expect(moderator.getByRole("heading", { name: "Moderation queue" })).toBeVisible();
  const item = moderator.locator("article.mod-item", { hasText: body });
  await expect(item.getByText("1 flag: Abuse ×1")).toBeVisible();
  await expect(item.getByText(/Ruth Author · 1 comment · 1 flag against · 0 hidden · member since/)).toBeVisible();
  await item.getByLabel(/Reason for hiding comment/).fill("Personal attack on named volunteers");
  await item.getByRole("button", { name: "Hide", exact: true }).click();
  await expect(moderator.getByText(/Hid 1 comment/)).toBeVisible();
  await expect(moderator.locator("article.mod-item", { hasText: body })).toHaveCount(0);

  await author.goto(OBJECTIVE);
  await expect(author.getByText("Hidden by moderators: Personal attack on named volunteers")).toBeVisible();
  await expect(author.getByRole("link", { name: "Notifications, 1 unread" })).toHaveText("Notifications (1)");
  await flagger.goto(OBJECTIVE);
  await expect(shown(flagger, body)).toHaveCount(0);
  await expect(flagger.getByText("This comment was hidden by moderators.")).toBeVisible();

  const admin = await staffSignIn(browser, "admin@example.org");
  await admin.goto(`${urls.admin}/moderation?view=hidden`);
  const hidden = admin.locator("article.mod-item", { hasText: body });
  await expect(hidden.getByText("Reason: Personal attack on named volunteers")).toBeVisible();
  await hidden.getByRole("button", { name: "Restore" }).click();
  await expect(admin.getByText(/Restored comment #\d+/)).toBeVisible();

  await author.goto("/me/notifications");
  await expect(author.locator(".notification__text", { hasText: "The moderators hid your comment" })).toBeVisible();
  await expect(author.getByText("Reason given: Personal attack on named volunteers")).toHaveCount(0); // restored: no longer hidden
  await expect(author.locator(".notification__text", { hasText: "The moderators restored your comment; everyone can read it again" })).toBeVisible();
  await flagger.goto(OBJECTIVE);
  await expect(shown(flagger, body)).toBeVisible();

  await admin.goto(`${urls.admin}/moderation/log`);
  const rows = admin.locator("table.mod-log tbody tr");
  await expect(
    rows.filter({ hasText: "Hid comment" }).filter({ hasText: "Morgan Moderator" }).filter({ hasText: "Personal attack on named volunteers" }),
  ).toHaveCount(1);
  await expect(rows.filter({ hasText: "Restored comment" }).filter({ hasText: "Ada Admin" })).toHaveCount(1);
  await expect(rows.first()).toContainText("Restored comment");
});

test("staff answer a comment and post an official response; the member sees both and is notified", async ({ browser }) => {
  const question = `When will the advocacy toolkit be ready? ${Date.now()}`;
  const member = await signUp(browser, "Quinn Question");
  await member.goto(OBJECTIVE);
  await member.getByLabel("Add a comment").fill(question);
  await member.locator(".discussion__new").getByRole("radio", { name: "Neutral", exact: true }).check();
  await member.getByRole("button", { name: "Post comment" }).click();
  await expect(shown(member, question)).toBeVisible();
  await expect(member.getByText("You follow this objective")).toBeVisible(); // commenting follows it

  const staff = await staffSignIn(browser, "staff@example.org");
  await staff.getByRole("link", { name: "Responses" }).click();
  await expect(staff.getByRole("heading", { name: "Response needed" })).toBeVisible();
  // A compact list, oldest first, 20 to a page: walk to the page that holds the question.
  const item = staff.locator(".triage-item", { hasText: question });
  // Count only once the next page has rendered: the address changes a moment before the list does,
  // so wait for the page's own "Page N of M" too, or the old list is counted and a page skipped.
  for (let page = 1; (await item.count()) === 0; page += 1) {
    await staff.getByRole("link", { name: "Newer →" }).click();
    await expect(staff).toHaveURL(new RegExp(`[?&]page=${page + 1}(&|$)`));
    await expect(staff.getByText(new RegExp(`^\\s*Page ${page + 1} of \\d+\\s*$`))).toBeVisible();
  }
  await expect(item.locator("form")).toHaveCount(0); // replies open on demand
  await item.getByRole("button", { name: "Reply to Quinn Question" }).click();
  await expect(item.getByRole("button", { name: "Reply to Quinn Question" })).toHaveAttribute("aria-expanded", "true");
  await item.getByLabel("Reply as staff to Quinn Question").fill("The toolkit ships in the spring; we will post drafts here.");
  await item.getByRole("button", { name: "Post staff reply" }).click();
  await expect(staff.getByText(/Staff reply posted on “.+”\. The member has been notified\./)).toBeVisible();
  await expect(staff.locator(".triage-item", { hasText: question })).toHaveCount(0);

  // The official response has its own page; after posting, the box is empty (no double posts).
  await staff.goto(`${urls.admin}/responses/official?objective=${objectiveSlug(2)}`);
  await expect(staff.getByLabel("Objective", { exact: true })).toHaveValue(`${objectiveSlug(2)}`);
  await staff.getByRole("textbox", { name: "Official response" }).fill("Official: the association commits to a public toolkit timeline.");
  await staff.getByRole("button", { name: "Post official response" }).click();
  await expect(staff.getByText(/Official response posted and pinned on “/)).toBeVisible();
  await expect(staff.getByRole("textbox", { name: "Official response" })).toHaveValue("");

  await member.goto(OBJECTIVE);
  await expect(member.getByLabel("Official responses")).toContainText("Official: the association commits to a public toolkit timeline.");
  await expect(member.getByText("The toolkit ships in the spring; we will post drafts here.")).toBeVisible();
  const bell = member.getByRole("link", { name: "Notifications, 2 unread" });
  await expect(bell).toHaveText("Notifications (2)");
  await member.goto("/me/notifications");
  await expect(member.locator(".notification__text", { hasText: "Sam Staff (staff) replied to your comment" })).toBeVisible();
  await expect(member.locator(".notification__text", { hasText: "Sam Staff posted an official response on an objective you follow" })).toBeVisible();
  await member.getByRole("button", { name: "Mark all as read" }).click();
  await expect(member.getByText("You have no unread notifications.")).toBeVisible();
  await expect(member.getByRole("link", { name: "Notifications, none unread" })).toHaveText("Notifications");
});
