import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { Kysely } from "kysely";
import type { DB } from "./schema";
import { generate, PostgresDialect } from "kysely-codegen";
import { createDb } from "./client";
import { migrateToLatest } from "./migrate";

/** Written by `pnpm db:types`; schema-agrees.test.ts holds the hand-written types to it. */
export const TABLE_TYPES_FILE = fileURLToPath(new URL("./generated/db.ts", import.meta.url));

/** The generated source for the database the migrations build (public schema, migration bookkeeping left out). */
export async function generateTableTypes(): Promise<string> {
  const database = await createDb({ pglite: new PGlite() });
  try {
    await migrateToLatest(database.db);
    return await generateTableTypesOf(database.db);
  } finally {
    await database.close();
  }
}

/** The same, read from an already migrated database (the test passes its template copy). */
export function generateTableTypesOf(db: Kysely<DB>): Promise<string> {
  return generate({
    db: db as Kysely<unknown>,
    dialect: new PostgresDialect(),
    defaultSchemas: ["public"],
    includePattern: "public.*",
    excludePattern: "public.kysely_*",
    outFile: null,
    print: false,
    typeOnlyImports: true,
    // Both drivers parse bigint and numeric into numbers (client.ts).
    typeMapping: { int8: "number", numeric: "number" },
  });
}
