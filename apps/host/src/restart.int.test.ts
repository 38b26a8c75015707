import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getPlan, getPlanForEditing, updateDomainGoal, updateObjectiveText, updatePlanStatement } from "@planpulse/core";
import { createDb, type Database } from "@planpulse/db";
import { insertUser } from "@planpulse/auth";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

// Issue #11: restarting the host (twice, and two processes starting at once, one of which fails
// because the port is taken) never changes plan content an admin edited. Runs the built host
// (dist/main.js) on an embedded database, and on PostgreSQL when TEST_DATABASE_URL is set.
const serverUrl = process.env.TEST_DATABASE_URL;
const hostDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const PORTAL = 3222;
const ADMIN = 3223;

type Target = { name: string; env: Record<string, string>; open: () => Promise<Database>; dispose: () => Promise<void> };

function pgliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), "planpulse-restart-"));
  const dataDir = join(dir, "pglite");
  return {
    name: "PGlite",
    env: { PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" },
    open: () => createDb({ dataDir }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(): Target {
  const name = `planpulse_test_restart_${process.pid}`;
  const url = Object.assign(new URL(serverUrl!), { pathname: `/${name}` }).toString();
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  let created = false;
  return {
    name: "PostgreSQL",
    env: { DATABASE_URL: url },
    open: async () => {
      if (!created) {
        await admin(`create database ${name}`);
        created = true;
      }
      return createDb({ url, poolSize: 2 });
    },
    dispose: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** Starts the host; resolves with the child once it answers, or with its exit code when it gives up. */
function startHost(target: Target): Promise<{ child: ChildProcess; exitCode: number | null }> {
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: hostDir,
    env: { ...process.env, NODE_ENV: "test", ...target.env, PORT: String(PORTAL), ADMIN_PORT: String(ADMIN), HOST: "127.0.0.1" },
    stdio: "ignore",
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 90_000;
    const poll = async () => {
      if (child.exitCode !== null) return resolve({ child, exitCode: child.exitCode });
      const ok = await fetch(`http://127.0.0.1:${PORTAL}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return resolve({ child, exitCode: null });
      if (Date.now() > deadline) return reject(new Error("the host did not start"));
      setTimeout(poll, 200);
    };
    setTimeout(poll, 200);
  });
}

async function stopHost(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

const targets = [pgliteTarget, ...(serverUrl ? [postgresTarget] : [])];

describe.each(targets.map((make) => [make().name, make] as const))("restarts on %s", (_name, make) => {
  const target = make();
  afterAll(() => target.dispose(), 60_000);

  it("keeps every plan edit through two restarts and two processes starting at once", async () => {
    // First start: the empty database gets the seed plan.
    let database = await target.open();
    await database.close();
    const first = await startHost(target);
    expect(first.exitCode).toBeNull();
    await stopHost(first.child);

    // An admin edits the mission, the values, a domain goal and an objective.
    database = await target.open();
    const admin = (await insertUser(database.db, { email: "restart-admin@example.org", display_name: "Ada", password_hash: null, role: "admin" }))!;
    const plan = await getPlan(database.db);
    await updatePlanStatement(database.db, admin, { mission: "Edited mission.", vision: plan.vision, values: ["Access", "Equity", "Intellectual freedom"] });
    const editable = await getPlanForEditing(database.db);
    const domain = editable.domains[2]!;
    await updateDomainGoal(database.db, admin, { domainId: domain.id, goalStatement: "Edited goal." });
    await updateObjectiveText(database.db, admin, { objectiveId: domain.objectives[1]!.id, text: "Edited objective.", isUrgent: true });
    const version = (await getPlan(database.db)).version;
    await database.close();

    for (let restart = 0; restart < 2; restart += 1) {
      const again = await startHost(target);
      expect(again.exitCode).toBeNull();
      await stopHost(again.child);
    }
    // Two at once on the same ports: one serves, the other gives up (port or data dir in use).
    const both = await Promise.all([startHost(target), startHost(target)]);
    expect(both.filter((started) => started.exitCode === null).length).toBeGreaterThanOrEqual(1);
    await Promise.all(both.map((started) => stopHost(started.child)));

    database = await target.open();
    try {
      const after = await getPlan(database.db);
      expect(after.mission).toBe("Edited mission.");
      expect(after.values).toEqual(["Access", "Equity", "Intellectual freedom"]);
      expect(after.version).toBe(version);
      const edited = (await getPlanForEditing(database.db)).domains[2]!;
      expect(edited.goalStatement).toBe("Edited goal.");
      expect(edited.objectives[1]).toMatchObject({ text: "Edited objective.", isUrgent: true });
      const reimports = await database.db.selectFrom("audit_log").select("id").where("action", "=", "plan.reimport").execute();
      expect(reimports).toHaveLength(0);
    } finally {
      await database.close();
    }
  }, 300_000);
});
