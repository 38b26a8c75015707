import { expect, test, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { startTestProvider, type RunningProvider, type TestAccount } from "./oidc-provider";

// A real OpenID provider in this process; the host (playwright.config.ts) is configured against it
// with OIDC_ROLE_MAP="plan-moderators=moderator,plan-staff=staff" and member_type/state segment claims.
const ACCOUNTS: Record<string, TestAccount> = {
  "nora-newcomer": {
    email: "nora.newcomer@example.net",
    email_verified: true,
    name: "Nora Newcomer",
    member_no: "ALA-1001",
    member_type: "Student member",
    state: "Ohio",
  },
  "maya-at-ala": { email: "member@example.org", email_verified: true, name: "Maya from ALA" },
  "pat-unverified-here": { email: "pat.password@example.net", email_verified: true, name: "Pat Password" },
  "sam-sso-staff": { email: "sam.sso.staff@example.net", email_verified: true, name: "Sam Sso Staff", groups: ["plan-staff"] },
  "wade-wannabe": { email: "wade.wannabe@example.net", email_verified: true, name: "Wade Wannabe", groups: ["plan-admins", "board"] },
  "rita-rotation": { email: "rita.rotation@example.net", email_verified: true, name: "Rita Rotation" },
  "odd-shapes": { email: "odd.shapes@example.net", email_verified: "yes", name: ["not", "text"], member_type: { nested: true }, groups: "plan-staff" },
};

let provider: RunningProvider;
// Each test walks through two sites and a provider's pages; on a busy machine that takes a while.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  provider = await startTestProvider({ appOrigins: [urls.portal, urls.admin], accounts: ACCOUNTS });
});
test.afterAll(async () => {
  await provider?.close();
});

async function toProvider(page: Page, base: string, redirectTo = "/") {
  await page.goto(`${base}/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByRole("link", { name: "Sign in with your ALA account" }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`));
}

/** Through the provider's own login and consent pages, back to the app. */
async function signInAtProvider(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password works here");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible().catch(() => false)) await consent.click();
}

async function ssoSignIn(page: Page, base: string, login: string, redirectTo = "/") {
  await toProvider(page, base, redirectTo);
  await signInAtProvider(page, login);
  await expect(page).toHaveURL(new RegExp(`^${base}`), { timeout: 30_000 });
}

test("a new member signs in by SSO and lands on the portal with verified segments", async ({ page }) => {
  await ssoSignIn(page, urls.portal, "nora-newcomer", "/me");
  await expect(page).toHaveURL(`${urls.portal}/me`);
  await expect(page.locator(".user-chip")).toHaveText("Signed in as Nora Newcomer");
  const profile = page.locator("section", { has: page.locator("#profile") });
  await expect(profile.getByText("Student member")).toBeVisible();
  await expect(profile.getByText("Ohio")).toBeVisible();
  await expect(profile.getByText("(from your membership record; ask the association to change it)")).toHaveCount(2);
  // The other answers stay the member's own to give.
  await expect(profile.getByLabel("Career stage")).toBeVisible();
  await profile.getByLabel("Career stage").selectOption("Student or in training");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();
  await expect(profile.getByText("Student member")).toBeVisible();
});

test("an existing verified account links: the demo member signs in by SSO as herself", async ({ page }) => {
  await ssoSignIn(page, urls.portal, "maya-at-ala");
  await expect(page.getByText("Signed in as Maya Member")).toBeVisible();
});

test("an unverified password account is never linked", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Pat Password");
  await page.getByLabel("Email").fill("pat.password@example.net");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Signed in as Pat Password")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  // Until the sign-out has landed, /login sends a signed-in member away (it has no SSO link then).
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();

  await ssoSignIn(page, urls.portal, "pat-unverified-here");
  await expect(page.getByRole("heading", { name: "Sign-in did not complete" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("has not been verified");
  await page.goto("/");
  await expect(page.getByText("Signed in as")).toHaveCount(0);
});

test("denied consent: cancelling at the provider gets a clear page and nobody is signed in", async ({ page }) => {
  await toProvider(page, urls.portal);
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await expect(page).toHaveURL(new RegExp(`^${urls.portal}/auth/oidc/callback`));
  await expect(page.getByRole("heading", { name: "Sign-in did not complete" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("You did not allow the sign-in");
  await page.goto("/");
  await expect(page.getByText("Signed in as")).toHaveCount(0);
});

/**
 * Runs the provider's pages but keeps the final redirect to the app from being followed, so the test
 * holds a genuine, unused callback URL (Chromium follows redirect chains without asking page.route,
 * so the interaction form posts are fetched here and their redirects walked by hand).
 */
async function genuineCallbackUrl(page: Page, login: string): Promise<string> {
  let callback: string | null = null;
  const interactionPost = new RegExp(`^${provider.issuer}/interaction/`);
  await page.route(interactionPost, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    let response = await route.fetch({ maxRedirects: 0 });
    let location = response.headers()["location"];
    while (location) {
      const next = new URL(location, provider.issuer).href;
      if (next.startsWith(`${urls.portal}/auth/oidc/callback`)) {
        callback = next;
        return route.fulfill({ status: 200, contentType: "text/plain", body: "held by the test" });
      }
      if (!next.startsWith(`${provider.issuer}/auth/`)) return route.fulfill({ status: 303, headers: { location: next } });
      response = await page.request.get(next, { maxRedirects: 0 });
      location = response.headers()["location"];
    }
    return route.fulfill({ response });
  });
  await toProvider(page, urls.portal);
  await signInAtProvider(page, login);
  await expect.poll(() => callback, { timeout: 30_000 }).not.toBeNull();
  await page.unroute(interactionPost);
  return callback!;
}

test("a tampered state is refused, and so is replaying the real answer afterwards", async ({ page }) => {
  const callback = await genuineCallbackUrl(page, "nora-newcomer");
  const tampered = new URL(callback);
  tampered.searchParams.set("state", "attacker-chosen-state");
  const response = await page.goto(tampered.href);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("could not be matched");
  // The flow was single-use: even the genuine answer no longer signs anyone in.
  await page.goto(callback);
  await expect(page.getByRole("heading", { name: "Sign-in did not complete" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByText("Signed in as")).toHaveCount(0);
});

test("an authorization answer opened in another browser signs nobody in; in the right browser it does", async ({ page, browser }) => {
  const callback = await genuineCallbackUrl(page, "rita-rotation");
  // Another browser (an attacker who got hold of the link) has no flow cookie: refused.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto(callback);
  await expect(stranger.getByRole("alert")).toContainText("could not be matched");
  await other.close();
  // The browser that started the flow completes it.
  await page.goto(callback);
  await expect(page.getByText("Signed in as Rita Rotation")).toBeVisible();
});

test("staff roles map only as configured", async ({ page }) => {
  await ssoSignIn(page, urls.admin, "sam-sso-staff");
  await expect(page.getByText("Sam Sso Staff · Staff")).toBeVisible();

  await page.context().clearCookies();
  // Groups that the role map does not name grant nothing: the staff workspace stays closed.
  await ssoSignIn(page, urls.admin, "wade-wannabe");
  await expect(page.getByRole("heading", { name: "This workspace is for association staff" })).toBeVisible();

  await page.context().clearCookies();
  // Claims of unexpected shapes are ignored (a warning in the log), never a 500: the sign-in still works,
  // "groups" as a lone string is read as one group, the unverified email stays unverified.
  await ssoSignIn(page, urls.portal, "odd-shapes");
  await expect(page.getByText("Signed in as odd.shapes")).toBeVisible();
});

test("sign-out ends the local session and the provider's", async ({ page }) => {
  await ssoSignIn(page, urls.portal, "rita-rotation");
  await expect(page.getByText("Signed in as Rita Rotation")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`));
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${urls.portal}/`);
  await expect(page.getByText("Signed in as")).toHaveCount(0);
  // The provider forgot the session too: signing in again asks for the login.
  await toProvider(page, urls.portal);
  await expect(page.locator('input[name="login"]')).toBeVisible();
});

test("key rotation: after the provider signs with a new key, sign-in still works without a restart", async ({ page }) => {
  await ssoSignIn(page, urls.portal, "rita-rotation");
  await expect(page.getByText("Signed in as Rita Rotation")).toBeVisible();
  await page.context().clearCookies();
  const oldKid = provider.kid;
  await provider.close();
  provider = await startTestProvider({ appOrigins: [urls.portal, urls.admin], accounts: ACCOUNTS });
  expect(provider.kid).not.toBe(oldKid);
  await ssoSignIn(page, urls.portal, "rita-rotation");
  await expect(page.getByText("Signed in as Rita Rotation")).toBeVisible();
});

test("a provider that is down gets a clear page", async ({ page }) => {
  await provider.close();
  try {
    await page.goto("/login");
    await page.getByRole("link", { name: "Sign in with your ALA account" }).click();
    await expect(page.getByRole("heading", { name: "Sign-in did not complete" })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("did not answer");
  } finally {
    provider = await startTestProvider({ appOrigins: [urls.portal, urls.admin], accounts: ACCOUNTS });
  }
});
