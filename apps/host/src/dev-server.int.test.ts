import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `pnpm dev` as a developer runs it: both apps from source on free ports with a fresh embedded
// database, every route of both apps requested once (signed in), no answer may be a 500.
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const APPS = ["portal", "admin"] as const;
type App = (typeof APPS)[number];
const ACCOUNT: Record<App, string> = { portal: "member@example.org", admin: "admin@example.org" };
const DEMO_PASSWORD = "plan-pulse-demo";
const OBJECTIVE = "advocacy-1";
const DOMAIN = "advocacy";

/**
 * A flat-routes file name as the address it answers (`objectives.$slug.tsx` → /objectives/advocacy-1),
 * parameters filled with data the seed has; addresses it cannot guess still must not be a 500.
 */
export function routeAddress(file: string): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(/\.(?![^[]*\])/)
    .filter((segment) => segment !== "_index" && !(segment.startsWith("_") && segment.length > 1))
    .map((segment) => segment.replace(/_$/, "").replace(/\[(.*?)\]/g, "$1"));
  const parts = segments.map((segment, index) => {
    if (segment === "$") return "plan.get";
    if (segment === "$slug") return segments[index - 1] === "domains" ? DOMAIN : OBJECTIVE;
    if (segment === "$table") return "objectives.csv";
    if (segment.startsWith("$")) return "1";
    return segment;
  });
  return `/${parts.join("/")}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("routeAddress", () => {
  it("turns flat-route file names into addresses", () => {
    expect(routeAddress("_index.tsx")).toBe("/");
    expect(routeAddress("objectives.$slug._index.tsx")).toBe(`/objectives/${OBJECTIVE}`);
    expect(routeAddress("objectives_.$slug.follow.ts")).toBe(`/objectives/${OBJECTIVE}/follow`);
    expect(routeAddress("domains.$slug.tsx")).toBe(`/domains/${DOMAIN}`);
    expect(routeAddress("audit[.]csv.tsx")).toBe("/audit.csv");
    expect(routeAddress("dashboard.objectives.$slug.comments[.csv].ts")).toBe(`/dashboard/objectives/${OBJECTIVE}/comments.csv`);
    expect(routeAddress("api.trpc.$.ts")).toBe("/api/trpc/plan.get");
  });
});

describe("pnpm dev", () => {
  const ports: Record<App, number> = { portal: 0, admin: 0 };
  const dataDir = mkdtempSync(join(tmpdir(), "planpulse-dev-"));
  let child: ChildProcess | undefined;
  let output = "";

  beforeAll(async () => {
    ports.portal = await freePort();
    ports.admin = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", PORTAL_PORT: String(ports.portal), ADMIN_PORT: String(ports.admin) };
    env.PGLITE_DATA_DIR = join(dataDir, "pglite");
    delete env.DATABASE_URL;
    delete env.PORT;
    child = spawn("pnpm", ["dev"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 240_000;
    while (!/Portal: http/.test(output)) {
      if (child.exitCode !== null) throw new Error(`pnpm dev exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`pnpm dev did not start in time:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }, 250_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  async function signIn(app: App): Promise<string> {
    const origin = `http://127.0.0.1:${ports[app]}`;
    const response = await fetch(`${origin}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: ACCOUNT[app], password: DEMO_PASSWORD, redirectTo: "/" }),
    });
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    expect(response.status, `signing in to the ${app}`).toBe(302);
    expect(cookie).not.toBe("");
    return cookie;
  }

  it.each(APPS)(
    "answers every %s route without a 500",
    async (app) => {
      const cookie = await signIn(app);
      const files = readdirSync(join(root, "apps", app, "app", "routes")).filter((file) => /\.tsx?$/.test(file));
      expect(files.length).toBeGreaterThan(5);
      const answers: string[] = [];
      for (const file of files) {
        const address = routeAddress(file);
        const response = await fetch(`http://127.0.0.1:${ports[app]}${address}`, { headers: { Cookie: cookie }, redirect: "manual" });
        await response.arrayBuffer();
        answers.push(`${response.status} ${address} (${file})`);
      }
      const failures = answers.filter((line) => line.startsWith("5"));
      expect(failures, `${answers.join("\n")}\n\n${output.slice(-4_000)}`).toEqual([]);
      // The pages a person opens first answer 200, not merely "not a 500".
      expect(answers.filter((line) => line.startsWith("200 ")).length).toBeGreaterThan(files.length / 2);
    },
    180_000,
  );
});
