import { expect, test, type Page } from "@playwright/test";
import { verifyEmailFromMail } from "./mail";
import { objectiveSlug } from "./routes";

const OBJECTIVE = `/objectives/${objectiveSlug(2)}`;
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

async function signUp(page: Page, name: string, redirectTo = OBJECTIVE) {
  await page.goto(`/signup?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Your name").fill(name);
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${unique()}@example.org`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
  // The page the new member lands on welcomes them once and says what to do first: confirm the address.
  await expect(page).toHaveURL(new RegExp(`${redirectTo.replace(/[?]/g, "\\?")}[?&]welcome=1$`));
  const welcome = page.getByRole("region", { name: `Welcome, ${name}` });
  await expect(welcome).toContainText("Confirm your email address");
  // Taking part needs a verified address: open the mail the host sent and confirm.
  await verifyEmailFromMail(page, email, redirectTo);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
}

/** Posts comments straight to the discussion action, as the page's signed-in member. */
async function postComments(page: Page, path: string, bodies: string[]) {
  const origin = new URL(page.url()).origin;
  for (const body of bodies) {
    const response = await page.request.post(`${path}?index`, { form: { intent: "create", body }, headers: { origin }, maxRedirects: 0 });
    expect(response.status()).toBe(302);
  }
}

const topLevel = (page: Page, text: string) => page.locator("article.comment--comment", { hasText: text });

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "discussion with JavaScript" : "discussion without JavaScript", () => {
    test.use({ javaScriptEnabled });
    // Long journeys (sign-up, a mail round trip, a dozen posts) on a shared two-core machine: the
    // no-JavaScript one took over 2 minutes at a load average of 30.
    test.setTimeout(240_000);

    test("comment with a stance, reply, edit with history, flag, delete, search", async ({ page }) => {
      const tag = unique();
      await page.goto(OBJECTIVE);
      await expect(page.getByRole("link", { name: "Sign in to join the discussion" })).toHaveAttribute(
        "href",
        `/login?redirectTo=${encodeURIComponent(OBJECTIVE)}`,
      );

      await signUp(page, "Ada Author");
      // (signUp saw the welcome and confirmed the address; the welcome shows once, not on the next visit.)
      await expect(page.getByRole("region", { name: "Welcome, Ada Author" })).toHaveCount(0);
      // An empty comment is refused with the field's message.
      await page.getByLabel("Add a comment").fill(" ");
      await page.getByRole("button", { name: "Post comment" }).click();
      await expect(page.getByText("Write at least 2 characters")).toBeVisible();

      await page.getByLabel("Add a comment").fill(`Bookmobiles${tag} *really* matter <script>alert(1)</script> [bad](javascript:alert(1))`);
      await page.locator(".discussion__new").getByRole("radio", { name: "Concerned", exact: true }).check();
      await page.getByRole("button", { name: "Post comment" }).click();
      const mine = topLevel(page, `Bookmobiles${tag}`);
      // The first post on a loaded machine: the action took 4 s in one run, then the page reloads its data.
      await expect(mine).toBeVisible({ timeout: 15_000 });
      await expect(mine.locator(".stance-chip")).toHaveText("Concerned");
      await expect(mine.locator(".comment__body em")).toHaveText("really");
      await expect(mine.locator(".comment__body")).toContainText("<script>alert(1)</script>");
      await expect(mine.locator(".comment__body a")).toHaveCount(0);
      await expect(page.getByLabel("Add a comment")).toHaveValue("");
      // The comment's stance did not become the member's declared stance (the box was not ticked),
      // and the next comment starts without a stance.
      await expect(page.locator(".engagement-panel").getByRole("radio", { checked: true })).toHaveCount(0);
      await expect(page.locator(".discussion__new").getByRole("radio", { name: "No stance", exact: true })).toBeChecked();
      // A comment needs no stance.
      await page.getByLabel("Add a comment").fill(`Just a question ${tag}?`);
      await page.getByRole("button", { name: "Post comment" }).click();
      await expect(topLevel(page, `Just a question ${tag}?`)).toBeVisible();
      await expect(topLevel(page, `Just a question ${tag}?`).locator(".stance-chip")).toHaveCount(0);

      // Closed actions ship no forms: the page stays light however many comments it lists.
      await expect(mine.locator("form")).toHaveCount(0);
      const replyToggle = mine.locator(".comment__action-toggle", { hasText: "Reply" }).first();
      // With JavaScript the actions are buttons with aria-expanded; without, links to the server.
      if (javaScriptEnabled) await expect(replyToggle).toHaveAttribute("aria-expanded", "false");
      else await expect(replyToggle).not.toHaveAttribute("aria-expanded");
      await expect(replyToggle).toHaveJSProperty("tagName", javaScriptEnabled ? "BUTTON" : "A");
      await replyToggle.click();
      if (javaScriptEnabled) await expect(mine.locator(".comment__action-toggle", { hasText: "Reply" }).first()).toHaveAttribute("aria-expanded", "true");
      // With JavaScript the form opens in place with the cursor in it; without, the link asks the server for it.
      if (javaScriptEnabled) await expect(mine.getByLabel("Your reply")).toBeFocused();
      else await expect(page).toHaveURL(/[?&]act=reply-\d+#comment-\d+$/);
      await mine.getByLabel("Your reply").fill(`A reply ${tag}`);
      await mine.getByRole("button", { name: "Post reply" }).click();
      await expect(topLevel(page, `Bookmobiles${tag}`).locator("article.comment--reply", { hasText: `A reply ${tag}` })).toBeVisible();
      // Posted: the reply box closes.
      await expect(topLevel(page, `Bookmobiles${tag}`).getByLabel("Your reply")).toHaveCount(0);
      // Edit names the comment it edits, for screen readers.
      await expect(topLevel(page, `Bookmobiles${tag}`).locator(":scope > .comment__actions .comment__action-toggle", { hasText: "Edit" })).toContainText(
        `your comment “Bookmobiles${tag}`,
      );

      await topLevel(page, `Bookmobiles${tag}`).locator(":scope > .comment__actions .comment__action-toggle", { hasText: "Edit" }).click();
      await topLevel(page, `Bookmobiles${tag}`).locator(":scope > .comment__actions").getByLabel("Edit your comment").fill(`Bookmobiles${tag} matter, edited`);
      await page.getByRole("button", { name: "Save changes" }).click();
      const edited = topLevel(page, `Bookmobiles${tag} matter, edited`);
      await expect(edited.locator(":scope > .comment__edited")).toContainText("Edited");
      await edited
        .locator(":scope > .comment__edited")
        .getByRole("link", { name: /view history/ })
        .click();
      await expect(page.getByRole("heading", { name: /History of a comment by Ada Author/ })).toBeVisible();
      await expect(page.getByText("Original text")).toBeVisible();
      await expect(page.locator(".revision").nth(1)).toContainText("really matter");
      await page.getByRole("link", { name: "← Back to the discussion" }).click();
      await signOut(page);

      await signUp(page, "Flo Flagger");
      const target = topLevel(page, `Bookmobiles${tag} matter, edited`);
      await target.locator(":scope > .comment__actions .comment__action-toggle", { hasText: "Flag" }).click();
      await target.locator(":scope > .comment__actions").getByLabel("Something else (tell us what)").check();
      await target.locator(":scope > .comment__actions").getByRole("button", { name: "Send to moderators" }).click();
      await expect(page.getByText("Tell the moderators what is wrong")).toBeVisible();
      const flagForm = topLevel(page, `Bookmobiles${tag} matter, edited`).locator(":scope > .comment__actions");
      await flagForm.getByLabel("Spam or advertising").check();
      await flagForm.getByRole("button", { name: "Send to moderators" }).click();
      await expect(page.getByText("Thank you: the moderators will take a look.")).toBeVisible();
      await expect(
        topLevel(page, `Bookmobiles${tag} matter, edited`).locator(":scope > .comment__actions .comment__action-toggle", { hasText: "Flag" }),
      ).toHaveCount(0);
      // A second flag (say, a double submit) is refused and changes nothing.
      const commentId = (await topLevel(page, `Bookmobiles${tag} matter, edited`).getAttribute("id"))!.replace("comment-", "");
      const again = await page.request.post(`${OBJECTIVE}?index`, {
        form: { intent: "flag", commentId, reason: "abuse" },
        headers: { origin: new URL(page.url()).origin },
        maxRedirects: 0,
      });
      expect(again.status()).toBe(409);
      expect(await again.text()).toContain("You already flagged this comment");
      // Someone else's comment: no edit or delete, and the server refuses them too.
      const forbidden = await page.request.post(`${OBJECTIVE}?index`, {
        form: { intent: "delete", commentId },
        headers: { origin: new URL(page.url()).origin },
        maxRedirects: 0,
      });
      expect(forbidden.status()).toBe(403);

      await page.getByLabel("Add a comment").fill(`Short-lived ${tag}`);
      await page.locator(".discussion__new").getByRole("radio", { name: "In favour", exact: true }).check();
      await page.locator(".discussion__new").getByLabel("Also make the stance above my stance on this objective").check();
      await page.getByRole("button", { name: "Post comment" }).click();
      const shortLived = topLevel(page, `Short-lived ${tag}`);
      // Ticked, visibly: now the declared stance follows.
      await expect(page.locator(".engagement-panel").getByRole("radio", { name: /In favour/ })).toBeChecked();
      await shortLived.locator(":scope > .comment__actions .comment__action-toggle", { hasText: "Delete" }).click();
      await shortLived.getByRole("button", { name: "Yes, delete it" }).click();
      await expect(page.getByText(`Short-lived ${tag}`)).toHaveCount(0);
      await expect(page.getByText("This comment was removed by its author.").first()).toBeVisible();

      await page.getByRole("link", { name: "Search", exact: true }).click();
      await page.getByLabel(/Words or a/).fill(`bookmobiles${tag}`);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await expect(page.locator("mark", { hasText: `Bookmobiles${tag}` })).toBeVisible();
      await expect(page.getByText(`Short-lived ${tag}`)).toHaveCount(0);
      await page.locator(".search-result__link", { hasText: `Bookmobiles${tag}` }).click();
      await expect(page).toHaveURL(new RegExp(`${OBJECTIVE}\\?comment=${commentId}#comment-${commentId}$`));
      await expect(page.locator(`#comment-${commentId}`)).toBeVisible();

      await page.goto(`/search?q=${"x".repeat(201)}`);
      await expect(page.getByText("Search for at most 200 characters")).toBeVisible();
      await page.goto("/search?q=");
      await expect(page.getByText("Type a word or phrase to search for")).toBeVisible();
    });

    test("Show more pages through a long discussion", async ({ page }) => {
      const tag = unique();
      const path = javaScriptEnabled ? `/objectives/${objectiveSlug(4)}` : `/objectives/${objectiveSlug(5)}`;
      await signUp(page, "Pat Pager", path);
      await postComments(
        page,
        path,
        Array.from({ length: 23 }, (_, i) => `Paging ${tag} number ${i + 1}`),
      );
      await page.goto(path);
      const items = page.locator(".discussion__list > li");
      await expect(items).toHaveCount(20);
      await expect(items.first()).toContainText(`number 23`);
      // Before hydration the link is a plain link (the no-JavaScript path); wait so this run tests appending.
      if (javaScriptEnabled) await page.waitForLoadState("networkidle");
      await page.getByRole("link", { name: "Show more comments" }).click();
      if (javaScriptEnabled) {
        await expect(items).toHaveCount(23);
        await expect(page).toHaveURL(new RegExp(`${path}$`));
      } else {
        await expect(page).toHaveURL(/cursor=\d+/);
        await expect(items).toHaveCount(3);
        await expect(page.getByRole("link", { name: "Back to the first comments" })).toBeVisible();
      }
      await expect(page.locator(".comment__body p", { hasText: new RegExp(`^Paging ${tag} number 1$`) })).toBeVisible();
      await expect(page.getByRole("link", { name: "Show more comments" })).toHaveCount(0);
      await page.getByRole("link", { name: "Oldest" }).click();
      await expect(page).toHaveURL(/sort=oldest/);
      await expect(items.first()).toContainText(`number 1`);
    });
  });
}
