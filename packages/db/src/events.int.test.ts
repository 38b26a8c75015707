import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createLiveBus, LIVE_APPLICATION_NAME, type LiveBus, type LiveChange } from "./events";
import { createTestDatabase, insertTestUser, testDrivers, type TestDatabase } from "./testing";
import { createDb, type Database } from "./client";

function collector(bus: LiveBus) {
  const changes: LiveChange[] = [];
  let resyncs = 0;
  bus.subscribe({ onChange: (change) => changes.push(change), onResync: () => (resyncs += 1) });
  const waitFor = async (predicate: (all: LiveChange[]) => boolean, timeoutMs = 5_000) => {
    const until = Date.now() + timeoutMs;
    while (!predicate(changes)) {
      if (Date.now() > until) throw new Error(`timed out; saw ${JSON.stringify(changes)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { changes, waitFor, resyncs: () => resyncs };
}

describe.each(testDrivers())("live events bus on %s", (driver) => {
  let database: TestDatabase;
  let objectiveId: number;
  let userId: number;
  const buses: LiveBus[] = [];
  const others: Database[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const cycle = await database.db.insertInto("plan_cycles").values({ slug: "c", name: "C", status: "active" }).returning("id").executeTakeFirstOrThrow();
    const plan = await database.db
      .insertInto("plans")
      .values({ cycle_id: cycle.id, slug: "p", title: "P", mission: "m", vision: "v", values: "[]" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const domain = await database.db
      .insertInto("domains")
      .values({ plan_id: plan.id, slug: "d", name: "D", goal_statement: "g", position: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    objectiveId = (
      await database.db
        .insertInto("objectives")
        .values({ domain_id: domain.id, slug: "d-1", position: 1, text: "Objective" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    userId = (await insertTestUser(database.db, { email: "bus@example.org", display_name: "Bus", password_hash: null })).id;
  });
  afterAll(async () => {
    for (const bus of buses) await bus.close();
    for (const other of others) await other.close();
    await database.dispose();
  });

  async function bus() {
    const created = await createLiveBus(database);
    buses.push(created);
    return created;
  }

  it("announces a committed vote with its objective and a higher version, once per statement", async () => {
    const listener = collector(await bus());
    const before = (await database.db.selectFrom("live_content_version").select("version").executeTakeFirstOrThrow()).version;
    await database.db.insertInto("support_votes").values({ user_id: userId, objective_id: objectiveId }).execute();
    await listener.waitFor((all) => all.some((change) => change.kind === "votes"));
    const vote = listener.changes.find((change) => change.kind === "votes")!;
    expect(vote.objectiveIds).toEqual([objectiveId]);
    expect(vote.version).toBeGreaterThan(Number(before));
  });

  it("announces an official response (a comment) and a progress update for their objective", async () => {
    const listener = collector(await bus());
    await database.db
      .insertInto("comments")
      .values({ objective_id: objectiveId, author_id: userId, body: "Our official answer.", kind: "official_response", status: "visible" })
      .execute();
    await database.db
      .insertInto("progress_updates")
      .values({ objective_id: objectiveId, author_id: userId, body: "Work has started.", status: "on_track", percent_complete: 10 })
      .execute();
    await listener.waitFor((all) => all.some((change) => change.kind === "progress"));
    expect(listener.changes.map((change) => [change.kind, change.objectiveIds])).toEqual([
      ["comments", [objectiveId]],
      ["progress", [objectiveId]],
    ]);
  });

  it("announces nothing for a rolled-back write or a statement that touched no row", async () => {
    const listener = collector(await bus());
    await database.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto("stances").values({ user_id: userId, objective_id: objectiveId, stance: "concern" }).execute();
        throw new Error("roll back");
      })
      .catch(() => {});
    await database.db.deleteFrom("support_votes").where("user_id", "=", -1).execute();
    // A marker write afterwards: once it arrives, anything earlier would have too (commit order).
    await database.db.updateTable("objectives").set({ text: "Objective, edited" }).where("id", "=", objectiveId).execute();
    await listener.waitFor((all) => all.some((change) => change.kind === "plan"));
    expect(listener.changes.map((change) => change.kind)).toEqual(["plan"]);
  });

  it.runIf(driver === "postgres")("reaches a second process's connection, after commit only", async () => {
    // Another "process": its own pool and its own listening connection on the same database.
    const other = await createDb({ url: database.url!, poolSize: 2 });
    others.push(other);
    const farBus = await createLiveBus(other);
    buses.push(farBus);
    const far = collector(farBus);
    const near = collector(await bus());
    let committed = 0;
    await database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("comments")
        .values({ objective_id: objectiveId, author_id: userId, body: "Hello there", kind: "member", status: "visible" })
        .execute();
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(far.changes).toEqual([]);
      committed = performance.now();
    });
    await far.waitFor((all) => all.some((change) => change.kind === "comments"));
    const delay = performance.now() - committed;
    await near.waitFor((all) => all.some((change) => change.kind === "comments"));
    expect(far.changes[0]).toMatchObject({ kind: "comments", objectiveIds: [objectiveId] });
    expect(delay).toBeLessThan(1_000);
    console.log(`[live] notification reached the other process ${delay.toFixed(1)} ms after commit`);
  });

  it.runIf(driver === "postgres")("reconnects after the server drops its connection and asks listeners to resync", async () => {
    const live = await bus();
    const listener = collector(live);
    expect(live.listening).toBe(true);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${LIVE_APPLICATION_NAME} and datname = current_database()`.execute(
      database.db,
    );
    const until = Date.now() + 10_000;
    while (listener.resyncs() === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(listener.resyncs()).toBeGreaterThan(0);
    expect(live.listening).toBe(true);
    await database.db.insertInto("priority_allocations").values({ user_id: userId, objective_id: objectiveId, points: 3 }).execute();
    await listener.waitFor((all) => all.some((change) => change.kind === "priorities"));
  });
});
