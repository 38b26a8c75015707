import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, MAX_PREPARED_PER_CONNECTION, type Database } from "./client";
import { createTestDatabase, type TestDatabase } from "./testing";

// Named prepared statements are a pg-driver matter (PGlite runs in-process): PostgreSQL only.
const url = process.env.TEST_DATABASE_URL;

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/** The statements this connection has prepared, by name. */
async function preparedNames(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(db);
  return rows.map((row) => row.name);
}

describe.skipIf(!url)("named prepared statements on PostgreSQL", () => {
  let scratch: TestDatabase;
  let one: Database;
  beforeAll(async () => {
    scratch = await createTestDatabase("postgres", { migrate: false });
    await sql`create table pp_items (id int primary key, label text)`.execute(scratch.db);
    await sql`insert into pp_items select n, 'item ' || n from generate_series(1, 20) n`.execute(scratch.db);
    // One connection, so "the same connection" and "a new connection" can be told apart.
    one = await createDb({ url: scratch.url!, poolSize: 1 });
  });
  afterAll(async () => {
    await one?.close();
    await scratch?.dispose();
  });

  it("prepares a parameterised statement once per connection and runs it with any values", async () => {
    const db = one.db as unknown as AnyDb;
    const before = await preparedNames(db);
    const labels: unknown[] = [];
    for (const id of [3, 7, 11]) labels.push((await sql<{ label: string }>`select label from pp_items where id = ${id}`.execute(db)).rows[0]?.label);
    expect(labels).toEqual(["item 3", "item 7", "item 11"]);
    const after = await preparedNames(db);
    const added = after.filter((name) => !before.includes(name));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^pp_/);
    // A statement without parameters is sent unnamed: nothing more is prepared.
    await sql`select count(*) from pp_items`.execute(db);
    expect(await preparedNames(db)).toEqual(after);
  });

  it("survives a schema change under a prepared statement, then leaves that connection", async () => {
    const db = one.db as unknown as AnyDb;
    const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
    const first = await sql<Record<string, unknown>>`select * from pp_items where id = ${1}`.execute(db);
    expect(Object.keys(first.rows[0]!)).toEqual(["id", "label"]);
    const before = await pid();
    await sql`alter table pp_items add column note text default 'noted'`.execute(scratch.db);
    // The prepared plan's result type changed: PostgreSQL refuses it; the statement goes again unnamed.
    const again = await sql<Record<string, unknown>>`select * from pp_items where id = ${1}`.execute(db);
    expect(again.rows[0]).toEqual({ id: 1, label: "item 1", note: "noted" });
    // That connection was discarded on release: the next statement runs on a new one.
    expect(await pid()).not.toBe(before);
    expect((await sql<Record<string, unknown>>`select * from pp_items where id = ${2}`.execute(db)).rows[0]).toEqual({ id: 2, label: "item 2", note: "noted" });
  });

  it("a schema change inside a transaction fails that transaction plainly (nothing is retried in it)", async () => {
    const db = one.db as unknown as AnyDb;
    await sql`select * from pp_items where id = ${3}`.execute(db);
    await sql`alter table pp_items add column extra int`.execute(scratch.db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select * from pp_items where id = ${3}`.execute(trx);
      }),
    ).rejects.toThrow(/cached plan must not change result type/);
    expect((await sql<{ extra: unknown }>`select * from pp_items where id = ${3}`.execute(db)).rows[0]?.extra).toBeNull();
  });

  it(`prepares at most ${MAX_PREPARED_PER_CONNECTION} statements on a connection, then sends the rest unnamed`, async () => {
    const db = one.db as unknown as AnyDb;
    await db.connection().execute(async (conn) => {
      const start = (await preparedNames(conn)).length;
      for (let i = 0; i < MAX_PREPARED_PER_CONNECTION - start + 5; i += 1) {
        const rows = (await sql<{ n: number }>`select ${i}::int + ${sql.raw(String(i))} as n`.execute(conn)).rows;
        expect(rows[0]?.n).toBe(2 * i);
      }
      expect((await preparedNames(conn)).length).toBe(MAX_PREPARED_PER_CONNECTION);
    });
  });

  it("prepares nothing when turned off (a pooler that cannot keep them)", async () => {
    const off = await createDb({ url: scratch.url!, poolSize: 1, preparedStatements: false });
    try {
      const db = off.db as unknown as AnyDb;
      expect((await sql<{ label: string }>`select label from pp_items where id = ${5}`.execute(db)).rows[0]?.label).toBe("item 5");
      expect(await preparedNames(db)).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
