import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { sql, type DB, type Kysely } from "@planpulse/db";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type Cell = string | number | boolean | null | readonly string[];

/** Where generated rows go: COPY on PostgreSQL, batched multi-row inserts on the embedded database. */
export interface RowSink {
  write(table: string, columns: readonly string[], rows: Iterable<Cell[]>, onRow?: () => void): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function copyText(value: Cell): string {
  if (value === null) return "\\N";
  if (Array.isArray(value)) return copyText(`{${value.map((v) => `"${String(v).replace(/["\\]/g, "\\$&")}"`).join(",")}}`);
  if (typeof value === "boolean") return value ? "t" : "f";
  return String(value).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/**
 * COPY into PostgreSQL. With `skipTriggers`, the sink's session runs with session_replication_role =
 * replica, so row triggers (counters, change marks) and foreign-key checks do not fire per row; the
 * caller recounts afterwards. The setting dies with the connection. Needs a superuser; otherwise the
 * triggers stay on (slower, same result).
 */
export async function postgresSink(url: string, options: { skipTriggers?: boolean } = {}): Promise<RowSink & { triggersSkipped: boolean }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let triggersSkipped = false;
  if (options.skipTriggers) {
    triggersSkipped = await client.query("set session_replication_role = replica").then(
      () => true,
      () => false,
    );
  }
  return {
    triggersSkipped,
    async write(table, columns, rows, onRow) {
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
      const source = Readable.from(
        (function* () {
          let chunk = "";
          for (const row of rows) {
            chunk += row.map(copyText).join("\t") + "\n";
            onRow?.();
            if (chunk.length > 1 << 16) {
              yield chunk;
              chunk = "";
            }
          }
          if (chunk) yield chunk;
        })(),
      );
      await pipeline(source, stream as unknown as Writable);
    },
    async query(text, params) {
      return (await client.query(text, params as unknown[])).rows;
    },
    close: () => client.end(),
  };
}

export function kyselySink(db: Kysely<DB>, batchSize = 500): RowSink {
  return {
    async write(table, columns, rows, onRow) {
      let batch: Cell[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const values = batch.map((row) => sql`(${sql.join(row.map((v) => (Array.isArray(v) ? sql`${v}::text[]` : sql`${v}`)))})`);
        // Rows that bring their own ids (reserved from the sequence) override the identity default, as COPY does.
        const overriding = columns.includes("id") ? sql`overriding system value` : sql``;
        await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) ${overriding} values ${sql.join(values)}`.execute(db);
        batch = [];
      };
      for (const row of rows) {
        batch.push(row);
        onRow?.();
        if (batch.length >= batchSize) await flush();
      }
      await flush();
    },
    async query<T>(text: string, params: unknown[] = []) {
      const parts = text.split(/\$\d+/);
      const order = [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]) - 1);
      const raw = sql.join(
        parts.map((part, i) => (i < order.length ? sql`${sql.raw(part)}${params[order[i]!]}` : sql.raw(part))),
        sql``,
      );
      return (await sql<T>`${raw}`.execute(db)).rows;
    },
    close: async () => {},
  };
}
