import { expect, test } from "@playwright/test";
import { urls } from "../playwright.config";

// Finding 5: after sign-in, redirectTo=/%09/evil.example sent the browser to evil.example (the
// browser drops the tab and reads "//evil.example"); CR/LF gave a 500. Each variant an attacker
// tries next, with and without JavaScript (the form works both ways): the browser stays on the site.
// (The full list of variants is in packages/validators/src/auth.test.ts; here, those a browser reads differently.)
const VARIANTS = ["/%09/evil.example", "/%0d%0a/evil.example", "/%5Cevil.example", "/..//evil.example"];

for (const javaScriptEnabled of [true, false]) {
  test(`sign-in never leaves the site, whatever redirectTo says (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    test.setTimeout(300_000);
    for (const variant of VARIANTS) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const requested: string[] = [];
      page.on("request", (request) => requested.push(request.url()));
      const response = await page.goto(`${urls.portal}/login?redirectTo=${variant}`);
      expect(response?.status(), variant).toBe(200);
      await page.getByLabel("Email").fill("member@example.org");
      await page.getByLabel("Password").fill("plan-pulse-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page, variant).not.toHaveURL(/\/login/);
      expect(new URL(page.url()).origin, variant).toBe(new URL(urls.portal).origin);
      expect(
        requested.filter((url) => url.includes("evil.example") && !url.startsWith(urls.portal)),
        variant,
      ).toEqual([]);
      await context.close();
    }
  });
}
