import type { Migration } from "kysely";
import * as m0001 from "./2026_11_28_0001_foundation";

/** Every migration, keyed by its frozen name; the Migrator runs them in name order. */
export const migrations: Record<string, Migration> = {
  "2026_11_28_0001_foundation": m0001,
};
