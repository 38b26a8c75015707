import { expect, type Browser, type BrowserContext } from "@playwright/test";
import { urls } from "../playwright.config";

export type Role = "visitor" | "member" | "moderator" | "staff" | "leader" | "admin";

/** The seed plan the host was started with (playwright.config passes E2E_PLAN_SEED on as PLAN_SEED). */
export const PLAN_SEED = process.env.E2E_PLAN_SEED ?? "ala";
/** The first domain of the seeded plan: ALA's "Advocacy", the Harbour Wardens' "Safe Waters". */
export const DOMAIN = PLAN_SEED === "wardens" ? "safe-waters" : "advocacy";
/** Five objectives the specs use, in plan order (the Wardens' first domain has four, so the fifth is the next domain's first). */
const FIRST_OBJECTIVES =
  PLAN_SEED === "wardens"
    ? ["safe-waters-1", "safe-waters-2", "safe-waters-3", "safe-waters-4", "shoreline-care-1"]
    : ["advocacy-1", "advocacy-2", "advocacy-3", "advocacy-4", "advocacy-5"];
/** The slug of the nth (1-5) objective the specs use. */
export function objectiveSlug(n: 1 | 2 | 3 | 4 | 5): string {
  return FIRST_OBJECTIVES[n - 1]!;
}
/** The opening words of objectiveSlug(1), (2) and (3), as the staff screens label their rows. */
export const OBJECTIVE_TEXT =
  PLAN_SEED === "wardens"
    ? ["Train two hundred new volunteer wardens", "Publish live tide, weather and mooring notices", "Equip each harbour with a staffed safety point"]
    : ["Develop a unified, proactive advocacy strategy", "Expand partnerships with national and international", "Build an infrastructure to rapidly respond"];
/** Two profile questions with a dashboard breakdown in the seeded plan's set. */
export const SEGMENTS = PLAN_SEED === "wardens" ? (["warden_role", "harbour"] as const) : (["division", "career_stage"] as const);
/** Why a spec that leans on what only the ALA plan has (urgent flags, its profile questions) is skipped on another seed plan. */
export const ALA_ONLY = "leans on the ALA seed plan's urgent objectives or profile questions";
export const notAla = PLAN_SEED !== "ala";
export type RouteCase = { app: "portal" | "admin"; role: Role; path: string };

/** Every page of both apps, for each role that has a page of its own there (the layout and axe suites walk this list). */
export const ROUTES: RouteCase[] = [
  ...[
    "/",
    `/domains/${DOMAIN}`,
    `/objectives/${objectiveSlug(3)}`,
    "/dashboard",
    "/login",
    "/signup",
    "/forgot-password",
    "/reset-password?token=not-a-real-token",
    "/verify-email",
    "/priorities",
    "/search",
    "/search?q=library",
    "/plans",
    "/members/maya-member",
    "/no-such-page",
    "/unsubscribe?token=v1.1.all.1.not-a-real-signature",
  ].map((path) => ({ app: "portal" as const, role: "visitor" as const, path })),
  ...[
    "/",
    `/domains/${DOMAIN}?sort=supported`,
    `/objectives/${objectiveSlug(3)}`,
    `/objectives/${objectiveSlug(1)}`,
    "/priorities",
    "/me",
    "/me/notifications",
    "/me/notifications/settings",
    "/dashboard",
  ].map((path) => ({ app: "portal" as const, role: "member" as const, path })),
  ...["/login", "/forgot-password", "/reset-password?token=not-a-real-token", "/invite/not-a-real-invitation", "/no-such-page"].map((path) => ({
    app: "admin" as const,
    role: "visitor" as const,
    path,
  })),
  ...["/"].map((path) => ({ app: "admin" as const, role: "member" as const, path })),
  ...["/", "/moderation", "/moderation/log", "/moderation/settings", "/moderation/alerts", `/moderation/objectives/${objectiveSlug(3)}`].map((path) => ({
    app: "admin" as const,
    role: "moderator" as const,
    path,
  })),
  ...["/", "/responses", `/responses/official?objective=${objectiveSlug(3)}`, "/progress", `/progress/${objectiveSlug(3)}`, "/plan"].map((path) => ({
    app: "admin" as const,
    role: "staff" as const,
    path,
  })),
  ...["/", "/dashboard", "/dashboard/cycles", `/dashboard/objectives/${objectiveSlug(3)}`, "/audit"].map((path) => ({
    app: "admin" as const,
    role: "leader" as const,
    path,
  })),
  ...[
    "/",
    "/plan",
    "/plan/import",
    "/plan/cycles",
    "/dashboard/cycles",
    "/users",
    "/users/import",
    "/settings",
    "/settings/profile-questions",
    "/audit",
    "/outbox",
    "/moderation",
    "/responses",
    "/dashboard",
  ].map((path) => ({ app: "admin" as const, role: "admin" as const, path })),
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
