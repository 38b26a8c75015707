import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { verifyEmailFromMail } from "./mail";
import { objectiveSlug, PLAN_SEED } from "./routes";

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

async function signUp(page: Page, name: string, redirectTo = "/") {
  await page.goto(`/signup?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Your name").fill(name);
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${unique()}@example.org`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator(".user-chip")).toHaveText(`Signed in as ${name}`);
  // Taking part needs a verified address: open the mail the host sent and confirm.
  await verifyEmailFromMail(page, email, redirectTo);
}

const supportCount = async (page: Page) => {
  const text = (await page.locator(".support__count").textContent()) ?? "";
  return Number(/^([\d,]+)/.exec(text)?.[1]?.replace(",", "") ?? Number.NaN);
};

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "engagement with JavaScript" : "engagement without JavaScript", () => {
    test.use({ javaScriptEnabled });
    const objective = javaScriptEnabled ? `/objectives/${objectiveSlug(4)}` : `/objectives/${objectiveSlug(5)}`;

    test("a visitor pressing Support is sent to sign in and back", async ({ page }) => {
      await page.goto(objective);
      await page.locator(".engagement-panel").getByRole("button", { name: "Support", exact: true }).click();
      // Back to "Your part" after signing in, not the top of the page.
      await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(`${objective}#your-part`).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
      await page.getByLabel("Email").fill("member@example.org");
      await page.getByLabel("Password").fill("plan-pulse-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(new RegExp(`${objective}#your-part$`));
      await expect(page.locator(".engagement-panel").getByRole("button", { name: /^Support(ed)?$/ })).toBeVisible();
    });

    test("vote, unvote, priorities, stance, /me, export and profile", async ({ page }) => {
      test.setTimeout(120_000);
      const name = javaScriptEnabled ? "Vera Voter" : "Nora Noscript";
      await signUp(page, name, objective);
      await expect(page).toHaveURL(new RegExp(`${objective}$`));
      const panel = page.locator(".engagement-panel");
      const before = await supportCount(page);

      // Support, then take it back.
      if (javaScriptEnabled) {
        // Hold the server's answer back: the count must change before it arrives.
        let release: () => void = () => {};
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route("**/api/trpc/vote.toggle**", async (route) => {
          await held;
          await route.continue();
        });
        await panel.getByRole("button", { name: "Support", exact: true }).click();
        await expect(page.locator(".support__count")).toHaveText(`${before + 1} ${before + 1 === 1 ? "member supports" : "members support"} this objective`);
        await expect(panel.getByRole("button", { name: "Supported" })).toHaveAttribute("aria-pressed", "true");
        const answered = page.waitForResponse((response) => response.url().includes("/api/trpc/vote.toggle"));
        release();
        expect((await answered).status()).toBe(200);
        await expect(page.locator(".support__count")).toHaveText(`${before + 1} ${before + 1 === 1 ? "member supports" : "members support"} this objective`);
      } else {
        await panel.getByRole("button", { name: "Support", exact: true }).click();
        // The plain form post redirects back; wait for that page before reloading it.
        await expect(panel.getByRole("button", { name: "Supported" })).toBeVisible();
      }
      await page.reload();
      expect(await supportCount(page)).toBe(before + 1);
      await expect(panel.getByRole("button", { name: "Supported" })).toHaveAttribute("aria-pressed", "true");

      await panel.getByRole("button", { name: "Supported" }).click();
      await expect(panel.getByRole("button", { name: "Support", exact: true })).toBeVisible();
      await page.reload();
      expect(await supportCount(page)).toBe(before);
      // Support again, to see it on /me.
      await panel.getByRole("button", { name: "Support", exact: true }).click();
      await expect(panel.getByRole("button", { name: "Supported" })).toBeVisible();

      // Stance.
      await panel.getByRole("radio", { name: /Concern/ }).check();
      await panel.getByRole("button", { name: "Save my stance" }).click();
      await expect(panel.getByText("Stance saved.")).toBeVisible();
      await panel.getByRole("radio", { name: /Neutral/ }).check();
      await panel.getByRole("button", { name: "Save my stance" }).click();
      await expect(panel.getByText("Stance saved.")).toBeVisible();

      // Priorities: over budget first, then within it.
      await page.goto("/priorities");
      const inputs = page.locator(".priority-item input[type=number]");
      await expect(inputs).toHaveCount(22);
      await inputs.nth(0).fill("5");
      await inputs.nth(1).fill("5");
      await inputs.nth(5).fill("2");
      if (javaScriptEnabled) await expect(page.locator("#points-meter")).toContainText("2 over");
      await page.getByRole("button", { name: "Save my points" }).click();
      await expect(page.getByRole("alert").first()).toContainText("You have 10 points; this spends 12");
      await expect(inputs.nth(5)).toHaveValue("2");
      await inputs.nth(1).fill("3");
      if (javaScriptEnabled) await expect(page.locator("#points-meter")).toContainText("0 of 10");
      await page.getByRole("button", { name: "Save my points" }).click();
      await expect(page.getByText("Your points are saved.")).toBeVisible();
      await expect(inputs.nth(0)).toHaveValue("5");
      await expect(inputs.nth(1)).toHaveValue("3");

      // Everything shows on /me.
      await page.getByRole("link", { name: "My account" }).click();
      await expect(page.getByRole("heading", { name: "My support (1)" })).toBeVisible();
      await expect(page.getByText("10 of 10 points placed, 0 left.")).toBeVisible();
      await expect(page.getByRole("heading", { name: "My stances (1)" })).toBeVisible();
      await expect(page.locator("#stances + ul")).toContainText("Neutral");

      // Profile (the questions are the seed plan's own).
      const ala = PLAN_SEED === "ala";
      if (ala) {
        await page.getByLabel("Member type").selectOption("Personal member");
        await page.getByLabel("Library type").selectOption("Public");
        await page.getByRole("checkbox", { name: "PLA (public libraries)" }).check();
      } else {
        await page.getByLabel("Your role").selectOption("Boat crew");
        await page.getByRole("checkbox", { name: "Clean-ups" }).check();
      }
      await page.getByRole("button", { name: "Save profile" }).click();
      await expect(page.getByText("Your profile is saved.")).toBeVisible();
      if (ala) await expect(page.getByLabel("Library type")).toHaveValue("Public");
      await expect(page.getByRole("checkbox", { name: ala ? "PLA (public libraries)" : "Clean-ups" })).toBeChecked();

      // Download my data.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
      expect(download.suggestedFilename()).toMatch(/^plan-pulse-my-data-\d{4}-\d{2}-\d{2}\.json$/);
      const exported = JSON.parse(readFileSync((await download.path())!, "utf8"));
      expect(exported.account.displayName).toBe(name);
      expect(exported.supportVotes).toHaveLength(1);
      expect(exported.stanceHistory.map((s: { stance: string }) => s.stance)).toEqual(["concern", "neutral"]);
      expect(exported.priorityPoints.reduce((sum: number, p: { points: number }) => sum + p.points, 0)).toBe(10);
      if (ala) expect(exported.profile.answers.division).toMatchObject({ answer: ["PLA (public libraries)"], verified: false });
      else expect(exported.profile.answers.interests).toMatchObject({ answer: ["Clean-ups"], verified: false });
    });
  });
}

test("deleting an account anonymises it and signs out", async ({ page }) => {
  await signUp(page, "Della Leaving", "/me");
  await page.getByLabel("Your password, to confirm").fill("not the password");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("That password does not match your account.").first()).toBeVisible();
  await page.getByLabel("Your password, to confirm").fill("a long enough password");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("Your account is deleted and you are signed out.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await page.goto("/me");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme$/);
});
