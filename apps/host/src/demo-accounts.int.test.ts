import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

// Finding 4 (demo accounts): the documented start used to create admin@example.org / plan-pulse-demo,
// and a later NODE_ENV=production start kept that public password working. The built host is started
// as `pnpm start` starts it, on the embedded database and (with TEST_DATABASE_URL) on PostgreSQL.

const hostDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const coreBin = join(hostDir, "..", "..", "packages", "core", "dist", "bin");
const PORTAL_PORT = Number(process.env.TEST_HOST_PORTAL_PORT ?? 3202);
const ADMIN_PORT = Number(process.env.TEST_HOST_ADMIN_PORT ?? 3203);
const portal = `http://127.0.0.1:${PORTAL_PORT}`;
const DEMO = { email: "admin@example.org", password: "plan-pulse-demo" };
const dirs: string[] = [];

type Env = Record<string, string | undefined>;
type Run = { exitCode: number | null; output: string };

function baseEnv(env: Env): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORTAL_PORT), ADMIN_PORT: String(ADMIN_PORT), HOST: "127.0.0.1" };
  for (const name of ["NODE_ENV", "DATABASE_URL", "DEMO_ACCOUNTS", "DEMO_PASSWORD", "PGLITE_DATA_DIR"]) delete merged[name];
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  return merged;
}

/** Starts the host; runs `whileUp` once it answers (then stops it), or reports how it exited. */
async function host(env: Env, whileUp?: () => Promise<void>): Promise<Run> {
  const child = spawn(process.execPath, ["dist/main.js"], { cwd: hostDir, env: baseEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const up = await fetch(`${portal}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) {
      try {
        await whileUp?.();
      } finally {
        child.kill("SIGTERM");
        await exited;
      }
      return { exitCode: null, output };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (child.exitCode === null) child.kill("SIGKILL");
  return { exitCode: await exited, output };
}

async function signIn(email: string, password: string): Promise<number> {
  const response = await fetch(`${portal}/api/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: portal },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

function embedded(): string {
  const dir = mkdtempSync(join(tmpdir(), "planpulse-demo-"));
  dirs.push(dir);
  return join(dir, "pglite");
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("demo accounts and a production start, embedded database", () => {
  it("makes them for a local trial, refuses a production start while one is on the demo password, and starts once they are locked", async () => {
    const dataDir = embedded();
    const trial = await host({ PGLITE_DATA_DIR: dataDir }, async () => {
      expect(await signIn(DEMO.email, DEMO.password)).toBe(200);
      expect(await signIn("member@example.org", DEMO.password)).toBe(200);
    });
    expect(trial.output).toContain("Demo accounts created");

    const refused = await host({ PGLITE_DATA_DIR: dataDir, NODE_ENV: "production" });
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toContain("admin@example.org");
    expect(refused.output).toContain("pnpm db:demo-accounts:lock");

    // A custom DEMO_PASSWORD does not hide the shipped one.
    const stillRefused = await host({ PGLITE_DATA_DIR: dataDir, NODE_ENV: "production", DEMO_PASSWORD: "another-demo-password" });
    expect(stillRefused.exitCode).toBe(1);

    const lock = spawnSync(process.execPath, [join(coreBin, "lock-demo-accounts.js")], { env: baseEnv({ PGLITE_DATA_DIR: dataDir }), encoding: "utf8" });
    expect(lock.status, lock.stderr).toBe(0);
    expect(lock.stdout).toContain("admin@example.org");

    const production = await host({ PGLITE_DATA_DIR: dataDir, NODE_ENV: "production" }, async () => {
      expect(await signIn(DEMO.email, DEMO.password)).toBe(401);
    });
    expect(production.exitCode, production.output).toBeNull();
  }, 240_000);

  it("makes none with DEMO_ACCOUNTS=0, none with NODE_ENV=production, and refuses DEMO_ACCOUNTS=1 with NODE_ENV=production", async () => {
    const dataDir = embedded();
    const off = await host({ PGLITE_DATA_DIR: dataDir, DEMO_ACCOUNTS: "0" }, async () => {
      expect(await signIn(DEMO.email, DEMO.password)).toBe(401);
    });
    expect(off.output).not.toContain("Demo accounts created");

    const production = await host({ PGLITE_DATA_DIR: dataDir, NODE_ENV: "production" }, async () => {
      expect(await signIn(DEMO.email, DEMO.password)).toBe(401);
    });
    expect(production.exitCode, production.output).toBeNull();

    const contradiction = await host({ PGLITE_DATA_DIR: embedded(), NODE_ENV: "production", DEMO_ACCOUNTS: "1" });
    expect(contradiction.exitCode).toBe(1);
    expect(contradiction.output).toContain("DEMO_ACCOUNTS");
  }, 240_000);
});

const serverUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!serverUrl)("demo accounts on PostgreSQL", () => {
  const name = `planpulse_test_e_demo_${process.pid}`;
  const databaseUrl = serverUrl ? Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString() : "";
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };

  afterAll(async () => {
    if (serverUrl) await admin(`drop database if exists ${name} with (force)`);
  });

  it("makes them only with DEMO_ACCOUNTS=1", async () => {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    await host({ DATABASE_URL: databaseUrl }, async () => {
      expect(await signIn(DEMO.email, DEMO.password)).toBe(401);
    });
    await host({ DATABASE_URL: databaseUrl, DEMO_ACCOUNTS: "1" }, async () => {
      expect(await signIn(DEMO.email, DEMO.password)).toBe(200);
    });
    const refused = await host({ DATABASE_URL: databaseUrl, NODE_ENV: "production" });
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toContain("pnpm db:demo-accounts:lock");
  }, 240_000);
});
