import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/**
 * Debian's Chromium where it is installed, else a browser Playwright downloaded itself; when there
 * is neither, say plainly how to get one.
 */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  for (const candidate of CANDIDATES) if (existsSync(candidate)) return candidate;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own here.
  }
  throw new Error(
    [
      "The end-to-end tests need Chromium, and none was found.",
      "  Debian/Ubuntu: sudo apt-get install -y chromium",
      "  elsewhere:     pnpm --filter @planpulse/host exec playwright install chromium",
      "  or point CHROMIUM_PATH at a Chromium or Chrome binary.",
    ].join("\n"),
  );
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
