import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Test helpers. For the tests that run several host processes on one PostgreSQL database (live.int.test.ts,
// two-processes.int.test.ts): the built host (`pnpm build`), started and stopped the same way.

const hostDir = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The session cookie outside production (no __Host- prefix). */
export const SESSION_COOKIE = "planpulse_session";

/** A database named `name` on the server `serverUrl` names. */
export function scratchDatabaseUrl(serverUrl: string, name: string): string {
  return Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
}

/** Built hosts on one database: start() waits until /healthz answers; stop() ends every one it started. */
export function builtHosts(databaseUrl: string, env: Record<string, string> = {}) {
  const processes: ChildProcess[] = [];
  return {
    async start(portalPort: number, adminPort: number): Promise<void> {
      const child = spawn(process.execPath, ["dist/main.js"], {
        cwd: hostDir,
        env: {
          ...process.env,
          NODE_ENV: "test",
          DATABASE_URL: databaseUrl,
          PORT: String(portalPort),
          ADMIN_PORT: String(adminPort),
          HOST: "127.0.0.1",
          ...env,
        },
        stdio: "ignore",
      });
      processes.push(child);
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`the host on ${portalPort} exited with ${child.exitCode}`);
        if (
          await fetch(`http://127.0.0.1:${portalPort}/healthz`).then(
            (response) => response.ok,
            () => false,
          )
        )
          return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`the host on ${portalPort} did not start`);
    },
    async stop(): Promise<void> {
      await Promise.all(
        processes.map((child) => {
          if (child.exitCode !== null) return undefined;
          const exited = new Promise((resolve) => child.once("exit", resolve));
          child.kill("SIGTERM");
          return exited;
        }),
      );
    },
  };
}

/** A tRPC call as a browser on `base` makes it (same-origin POST); the session token it set, if any. */
export async function trpc(base: string, path: string, input: unknown, token?: string) {
  const response = await fetch(`${base}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((value) => new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(value)?.[1])
    .find(Boolean);
  return { status: response.status, body: (await response.json()) as { result?: { data: any } }, token: cookie };
}
