import { expect, test, type Page } from "@playwright/test";
import { urls } from "../playwright.config";
import { OBJECTIVE_TEXT, objectiveSlug } from "./routes";

async function signInToAdmin(page: Page, email: string) {
  await page.goto(`${urls.admin}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

const [FIRST, SECOND, THIRD] = OBJECTIVE_TEXT;

test("staff bulk-update two objectives in one save, post an update, and members see it", async ({ page }) => {
  test.setTimeout(120_000);
  await signInToAdmin(page, "staff@example.org");
  await page.getByRole("link", { name: "Progress", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Progress", level: 1 })).toBeVisible();

  await page.getByLabel(new RegExp(`^Status of “${FIRST}`)).selectOption("on_track");
  await page.getByLabel(new RegExp(`^Percent complete of “${FIRST}`)).fill("35");
  await page.getByLabel(new RegExp(`^Status of “${SECOND}`)).selectOption("at_risk");
  await page.getByLabel(new RegExp(`^Percent complete of “${SECOND}`)).fill("10");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved 2 objectives.")).toBeVisible();
  await expect(page.getByLabel(new RegExp(`^Status of “${FIRST}`))).toHaveValue("on_track");

  // A percent out of range: a field error, nothing saved.
  await page.getByLabel(new RegExp(`^Percent complete of “${FIRST}`)).fill("150");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Enter a number from 0 to 100")).toBeVisible();
  await expect(page.getByLabel(new RegExp(`^Percent complete of “${FIRST}`))).toHaveAttribute("aria-invalid", "true");

  await page.goto(`${urls.admin}/progress/${objectiveSlug(1)}`);
  const update = `Partners met on ${new Date().toISOString().slice(0, 10)}; the <strategy> draft is out for review.`;
  // One form, one save: status, percent and the update's text together.
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("on_track");
  await page.getByRole("spinbutton", { name: "Percent complete", exact: true }).fill("40");
  await page.getByLabel(/What happened\?/).fill(update);
  await page.getByRole("button", { name: "Save progress" }).click();
  await expect(page.getByText("Progress saved")).toBeVisible();

  await page.goto(`${urls.portal}/objectives/${objectiveSlug(1)}`);
  const timeline = page.getByRole("region", { name: "Progress updates" });
  await expect(timeline.getByText(update)).toBeVisible();
  await expect(timeline.getByText("40% complete")).toBeVisible();
  await expect(page.locator(".status-line").getByText("On track")).toBeVisible();
});

test("admin edits the vision and sees a new plan version", async ({ page }) => {
  await signInToAdmin(page, "admin@example.org");
  await page.goto(`${urls.admin}/plan`);
  const vision = page.getByLabel("Vision", { exact: true });
  await vision.fill("Libraries thrive so everyone, everywhere, can succeed.");
  await page.getByRole("button", { name: "Save mission, vision and values" }).click();
  await expect(page.getByText(/Saved\. Plan version \d+ recorded\./)).toBeVisible();
  const history = page.getByRole("table").filter({ hasText: "What changed" });
  await expect(history.getByRole("row").nth(1)).toContainText("Edited the vision");
  await expect(history.getByRole("row").nth(1)).toContainText("Ada Admin");

  await page.goto(urls.portal);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Libraries thrive so everyone, everywhere, can succeed.");
});

test("admin previews an import with an error line and nothing is applied", async ({ page }) => {
  await signInToAdmin(page, "admin@example.org");
  await page.goto(`${urls.admin}/plan/import`);
  const text = [
    "Plan",
    "Mission",
    "Our mission.",
    "Vision",
    "Our vision.",
    "Domains and Goal Statements",
    "- Advocacy goal without a colon",
    "Strategic Objectives per Domain",
  ].join("\n");
  await page.getByLabel("Plan text", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByText(/nothing can be applied/)).toBeVisible();
  await expect(page.getByText("Line 7:")).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply this import" })).toHaveCount(0);
});

test("a leader reads the audit log but is refused plan editing; reversed dates get a clear error", async ({ page }) => {
  await signInToAdmin(page, "leader@example.org");
  await expect(page.getByRole("link", { name: "Plan", exact: true })).toHaveCount(0);
  const refused = await page.request.get(`${urls.admin}/plan`);
  expect(refused.status()).toBe(403);
  await page.goto(`${urls.admin}/audit?from=2026-12-31&to=2026-01-01`);
  await expect(page.getByText("The start date must be on or before the end date").first()).toBeVisible();
  const csv = await page.request.get(`${urls.admin}/audit.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toBe("id,when_utc,actor_id,actor,action,target_type,target_id,reason,before,after");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the progress board saves as a plain form and shows field errors", async ({ page }) => {
    test.setTimeout(90_000);
    await signInToAdmin(page, "staff@example.org");
    await page.goto(`${urls.admin}/progress`);
    const third = THIRD;
    await page.getByLabel(new RegExp(`^Percent complete of “${third}`)).fill("-5");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Some rows need another look; nothing was saved.")).toBeVisible();
    await expect(page.getByLabel(new RegExp(`^Percent complete of “${third}`))).toHaveValue("-5");
    await page.getByLabel(new RegExp(`^Percent complete of “${third}`)).fill("20");
    await page.getByLabel(new RegExp(`^Status of “${third}`)).selectOption("off_track");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Saved 1 objective.")).toBeVisible();
  });
});
