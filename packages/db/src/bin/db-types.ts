import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { generateTableTypes, TABLE_TYPES_FILE } from "../table-types";

const USAGE = `Usage: pnpm db:types [--check]

Migrates a fresh in-memory database (PGlite, nothing to start) with every migration in
packages/db/src/migrations and writes its table types with kysely-codegen to
packages/db/src/generated/db.ts. Run it after adding a migration and commit the result.

  --check   write nothing; exit 1 when the committed file differs from the migrated database
  --help    this text`;

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== "--");
  let check = false;
  try {
    const { values } = parseArgs({ args, options: { check: { type: "boolean" }, help: { type: "boolean" } }, strict: true, allowPositionals: false });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    check = values.check === true;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  const source = await generateTableTypes();
  if (check) {
    let current = "";
    try {
      current = readFileSync(TABLE_TYPES_FILE, "utf8");
    } catch {
      // missing: differs
    }
    if (current !== source) {
      console.error("packages/db/src/generated/db.ts is not what the migrations build. Run `pnpm db:types` and commit the result.");
      process.exit(1);
    }
    console.log("packages/db/src/generated/db.ts matches the migrated database.");
    return;
  }
  writeFileSync(TABLE_TYPES_FILE, source);
  console.log(`Wrote ${TABLE_TYPES_FILE}`);
}

await main();
