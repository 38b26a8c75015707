import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every `pnpm …` command the README shows runs exactly as written, with `--help` added: the
// script exists, takes its arguments (pnpm 12 passes a `--` through) and explains itself without
// opening a database or starting anything.
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** Run by CI itself (install, lint, typecheck, test, validate), by the e2e suite (start) and the dev smoke test (dev). */
const EXERCISED_ELSEWHERE = new Set(["install", "start", "dev", "test", "lint", "typecheck", "validate"]);

const commands = [...new Set([...readme.matchAll(/`(pnpm [^`]+)`/g), ...readme.matchAll(/^(pnpm [^\n&]+?)\s*(?:&&.*)?$/gm)].map((match) => match[1]!.trim()))];
const checked = commands.filter((command) => !EXERCISED_ELSEWHERE.has(command.split(/\s+/)[1]!));

function run(command: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn("sh", ["-c", `${command} --help`], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (status) => resolve({ status, output }));
  });
}

describe("the README's commands", () => {
  it("are found, and every one names a root script", () => {
    expect(checked.length).toBeGreaterThanOrEqual(10);
    expect(checked).toContain("pnpm db:seed:synthetic -- --members 100000 --votes 1000000 --comments 200000");
    const missing = commands.map((command) => command.split(/\s+/)[1]!).filter((name) => name !== "install" && !(name in scripts));
    expect(missing).toEqual([]);
  });

  it.each(checked)(
    "%s --help",
    async (command) => {
      const { status, output } = await run(command);
      expect(status, output).toBe(0);
      expect(output).toMatch(/Usage/);
    },
    120_000,
  );
});
