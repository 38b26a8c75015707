import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateTableTypes, TABLE_TYPES_FILE } from "../table-types";

// `pnpm db:types --check` as a test: the committed types are what the migrations build.
describe("generated table types", () => {
  it("packages/db/src/generated/db.ts is current (run `pnpm db:types` after adding a migration)", async () => {
    expect(readFileSync(TABLE_TYPES_FILE, "utf8")).toBe(await generateTableTypes());
  }, 120_000);
});
