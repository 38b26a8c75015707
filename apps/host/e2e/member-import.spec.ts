import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { urls } from "../playwright.config";

test.describe.configure({ timeout: 120_000 });

async function signInAsAdmin(page: Page) {
  await page.goto(`${urls.admin}/login`);
  await page.getByLabel("Email").fill("admin@example.org");
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

function csvFile(name: string, text: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), "planpulse-import-")), name);
  writeFileSync(path, text);
  return path;
}

test("an admin checks a member file, sees line-numbered problems, fixes it, imports it, and re-importing changes nothing", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`${urls.admin}/users`);
  await page.getByRole("link", { name: "Import members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import members" })).toBeVisible();

  const bad = csvFile("bad.csv", "email,name,Member type\nann@example.net,Ann Imported,Student member\nann@example.net,Ann Again,\nbob@example.net,=cmd(),\n");
  await page.getByLabel(/Member file/).setInputFiles(bad);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("heading", { name: /2 problems in bad.csv; nothing was changed/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /3 The email ann@example.net is already on line 2/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /4 Column "name" starts with "="/ })).toBeVisible();

  const good = csvFile(
    "members.csv",
    "email,name,member id,Member type,State\nann@example.net,Ann Imported,ALA-9001,Student member,Ohio\nmember@example.org,Maya Member,ALA-9002,,\n",
  );
  await page.getByLabel(/Member file/).setInputFiles(good);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText(/2 members: 1 to create, 1 to update, 0 unchanged/)).toBeVisible();
  await expect(page.getByText("Line 2: Ann Imported (ann@example.net)")).toBeVisible();
  await expect(page.getByText("Line 3: member@example.org — member id")).toBeVisible();
  await page.getByRole("button", { name: "Import 2 members" }).click();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("1 created · 1 updated · 0 unchanged")).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveAttribute("value", "2");

  await page.getByLabel(/Member file/).setInputFiles(good);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText(/2 members: 0 to create, 0 to update, 2 unchanged/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Nothing to import" })).toBeDisabled();
});

test("a file in the wrong encoding or too large gets a clear report", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`${urls.admin}/users/import`);
  const latin1 = csvFile("latin1.csv", Buffer.concat([Buffer.from("email,name\nrene@example.net,Ren"), Buffer.from([0xe9, 0x0a])]));
  await page.getByLabel(/Member file/).setInputFiles(latin1);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("row", { name: /2 The file is not UTF-8 text/ })).toBeVisible();

  // 41 MB: refused from its declared size.
  const big = csvFile("huge.csv", Buffer.alloc(41 * 1024 * 1024, "a"));
  await page.getByLabel(/Member file/).setInputFiles(big);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText(/larger than 40 MB/)).toBeVisible({ timeout: 30_000 });
});

test("the import page is for admins only", async ({ page }) => {
  await page.goto(`${urls.admin}/login`);
  await page.getByLabel("Email").fill("staff@example.org");
  await page.getByLabel("Password").fill("plan-pulse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signed in (the post has landed) before the next address is opened.
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const response = await page.goto(`${urls.admin}/users/import`);
  expect(response?.status()).toBe(403);
});
