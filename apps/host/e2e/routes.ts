import { expect, type Browser, type BrowserContext } from "@playwright/test";
import { urls } from "../playwright.config";

export type Role = "visitor" | "member" | "moderator" | "staff" | "leader" | "admin";
export type RouteCase = { app: "portal" | "admin"; role: Role; path: string };

/** Every page of both apps, for each role that has a page of its own there (the layout and axe suites walk this list). */
export const ROUTES: RouteCase[] = [
  ...["/", "/domains/advocacy", "/objectives/advocacy-3", "/dashboard", "/login", "/signup", "/priorities", "/search", "/search?q=library", "/plans", "/no-such-page"].map(
    (path) => ({ app: "portal" as const, role: "visitor" as const, path }),
  ),
  ...["/", "/domains/advocacy?sort=supported", "/objectives/advocacy-3", "/objectives/advocacy-1", "/priorities", "/me", "/me/notifications", "/dashboard"].map(
    (path) => ({ app: "portal" as const, role: "member" as const, path }),
  ),
  ...["/login", "/no-such-page"].map((path) => ({ app: "admin" as const, role: "visitor" as const, path })),
  ...["/"].map((path) => ({ app: "admin" as const, role: "member" as const, path })),
  ...["/", "/moderation", "/moderation/log", "/moderation/settings", "/moderation/objectives/advocacy-3"].map((path) => ({ app: "admin" as const, role: "moderator" as const, path })),
  ...["/", "/responses", "/progress", "/progress/advocacy-3", "/plan"].map((path) => ({ app: "admin" as const, role: "staff" as const, path })),
  ...["/", "/dashboard", "/dashboard/cycles", "/dashboard/objectives/advocacy-3", "/audit"].map((path) => ({ app: "admin" as const, role: "leader" as const, path })),
  ...["/", "/plan", "/plan/import", "/plan/cycles", "/dashboard/cycles", "/users", "/audit", "/outbox", "/moderation", "/responses", "/dashboard"].map((path) => ({ app: "admin" as const, role: "admin" as const, path })),
];

export function urlOf(route: RouteCase): string {
  return `${route.app === "portal" ? urls.portal : urls.admin}${route.path}`;
}

/** One signed-in browser context per role (both apps share the session cookie). */
export async function contextFor(browser: Browser, role: Role, options: Parameters<Browser["newContext"]>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  if (role === "visitor") return context;
  const page = await context.newPage();
  await page.goto(`${urls.portal}/login`);
  await page.getByLabel("Email").fill(`${role}@example.org`);
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.close();
  return context;
}
