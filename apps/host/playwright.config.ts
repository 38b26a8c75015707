import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/chromium";

const PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT ?? 3100);
const ADMIN_PORT = Number(process.env.E2E_ADMIN_PORT ?? 3101);
// The SSO spec runs a real OpenID provider in the test process on this port (e2e/oidc-provider.ts).
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? PORTAL_PORT + 5);
// A real SMTP server the host sends to, and the HTTP API the specs read arrived mail from.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 3102);
const MAIL_API_PORT = Number(process.env.E2E_MAIL_API_PORT ?? 3103);
// Each run starts on a fresh embedded database, seeded with the plan and the demo accounts.
const dataDir = process.env.E2E_DATA_DIR ?? join(mkdtempSync(join(tmpdir(), "planpulse-e2e-")), "pglite");
process.env.E2E_DATA_DIR = dataDir;

// The host runs as `pnpm start` runs it (its heap caps included), so the suite tests what ships.
const startScript = (JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { scripts: { start: string } }).scripts.start;
if (!startScript.startsWith("node ")) throw new Error(`apps/host's start script should run node directly, found: ${startScript}`);

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORTAL_PORT}`,
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: "node e2e/mail-catcher.mjs",
      url: `http://127.0.0.1:${MAIL_API_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { E2E_SMTP_PORT: String(SMTP_PORT), E2E_MAIL_API_PORT: String(MAIL_API_PORT) },
    },
    {
      command: startScript,
      url: `http://localhost:${ADMIN_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(PORTAL_PORT),
        ADMIN_PORT: String(ADMIN_PORT),
        PGLITE_DATA_DIR: dataDir,
        DATABASE_URL: "",
        NODE_ENV: "test",
        DEMO_PASSWORD: "plan-pulse-demo",
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: "Plan Pulse <no-reply@planpulse.test>",
        // "At once" notification mail leaves after 2 s instead of 2 min (e2e/notifications.spec.ts).
        NOTIFY_COALESCE_SECONDS: "2",
        // E2E_PLAN_SEED=wardens runs the suite's plan-independent specs on the second, fictional plan.
        PLAN_SEED: process.env.E2E_PLAN_SEED ?? "ala",
        OIDC_ISSUER: `http://localhost:${OIDC_PORT}`,
        OIDC_CLIENT_ID: "planpulse-e2e",
        OIDC_CLIENT_SECRET: "e2e-client-secret-not-for-production",
        OIDC_BUTTON_LABEL: "Sign in with your ALA account",
        OIDC_SCOPES: "openid email profile groups membership",
        OIDC_CLAIM_MEMBER_ID: "member_no",
        OIDC_ROLE_MAP: "plan-moderators=moderator,plan-staff=staff",
        OIDC_SEGMENT_CLAIMS: "member_type=member_type,state=state",
      },
    },
  ],
});

export const mailApi = `http://127.0.0.1:${MAIL_API_PORT}`;
export const urls = { portal: `http://localhost:${PORTAL_PORT}`, admin: `http://localhost:${ADMIN_PORT}` };
