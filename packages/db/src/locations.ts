import { existsSync, readFileSync, writeFileSync, unlinkSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The plan text the project ships as seed data (same path from src/ and dist/). */
export const PLAN_SEED_PATH = fileURLToPath(new URL("../seed/ala-strategic-plan.txt", import.meta.url));

const seedFile = (name: string) => fileURLToPath(new URL(`../seed/${name}`, import.meta.url));

/**
 * The seed sets an empty database can start from (PLAN_SEED picks one): a plan text and the profile
 * questions members are asked. "ala" is the default.
 */
export const SEED_SETS = {
  ala: { plan: PLAN_SEED_PATH, questions: seedFile("ala-profile-questions.json"), organisation: seedFile("ala-organisation.json") },
  /** A fictional association of another shape (3 domains, 11 objectives, no urgent ones): proves nothing is welded to one plan. */
  wardens: {
    plan: seedFile("wardens-strategic-plan.txt"),
    questions: seedFile("wardens-profile-questions.json"),
    organisation: seedFile("wardens-organisation.json"),
  },
} as const;
export type SeedSetName = keyof typeof SEED_SETS;
export const SEED_SET_NAMES = Object.keys(SEED_SETS) as SeedSetName[];

/** The monorepo root: the nearest folder upwards holding pnpm-workspace.yaml. */
export function findWorkspaceRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
}

export function defaultDataDir(): string {
  return join(findWorkspaceRoot(), ".data", "pglite");
}

/**
 * PGlite belongs to one process. A pid file beside the data dir stops a second process (say
 * `pnpm db:seed` while `pnpm start` runs) from opening it and corrupting it.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  mkdirSync(dirname(lockFile), { recursive: true });
  if (existsSync(lockFile)) {
    const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database at ${dataDir} is in use by process ${pid} (is \`pnpm start\` or \`pnpm dev\` running?). ` +
          "Stop that process first, or set DATABASE_URL to use a PostgreSQL server.",
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (readFileSync(lockFile, "utf8") === String(process.pid)) unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
