import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateTableTypesOf, TABLE_TYPES_FILE } from "../table-types";
import { createTestDatabase } from "../testing";

// `pnpm db:types --check` as a test: the committed types are what the migrations build.
describe("generated table types", () => {
  it("packages/db/src/generated/db.ts is current (run `pnpm db:types` after adding a migration)", async () => {
    const database = await createTestDatabase("pglite");
    try {
      expect(readFileSync(TABLE_TYPES_FILE, "utf8")).toBe(await generateTableTypesOf(database.db));
    } finally {
      await database.dispose();
    }
  }, 120_000);
});
