import { Migrator, sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "./migrations";
import { createTestDatabase, testDrivers, type TestDatabase } from "./testing";

// Migration 0020 on an installation that already had member profiles: the fixed columns become
// questions, every answer is kept (one outside the lists as a retired option), member_profiles goes.
describe.each(testDrivers())("migration 0020 on an existing installation (%s)", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver, { migrate: false });
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("2026_11_29_0010_user_role_counts")).error).toBeUndefined();
    const db = database.db as never as Kysely<any>;
    await sql`insert into plans (slug, title, intro, mission, vision, values) values ('p', 'P', '', 'M', 'V', '[]')`.execute(db);
    await sql`insert into users (email, display_name, role) values ('a@example.org', 'A', 'member'), ('b@example.org', 'B', 'member')`.execute(db);
    await sql`
      insert into member_profiles (user_id, member_type, library_type, divisions, round_tables, state)
      select id, 'Personal member', 'Public', array['PLA (public libraries)', 'ACRL (college and research libraries)'], '{}', 'Ohio' from users where email = 'a@example.org'`.execute(
      db,
    );
    await sql`insert into member_profiles (user_id, library_type, divisions) select id, 'Bookmobile', '{}' from users where email = 'b@example.org'`.execute(
      db,
    );
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  }, 180_000);
  afterAll(() => database.dispose());

  it("turns the fixed fields into questions and keeps every answer", async () => {
    const questions = await database.db.selectFrom("profile_questions").select(["key", "kind", "breakdown"]).orderBy("position").execute();
    expect(questions.map((q) => q.key)).toEqual(["member_type", "career_stage", "library_type", "division", "round_table", "state"]);
    const answers = await database.db
      .selectFrom("member_answers as a")
      .innerJoin("profile_options as o", "o.id", "a.option_id")
      .innerJoin("profile_questions as q", "q.id", "a.question_id")
      .innerJoin("users as u", "u.id", "a.user_id")
      .select(["u.email", "q.key", "o.label", "o.retired_at", "a.source"])
      .orderBy("u.email")
      .orderBy("q.position")
      .orderBy("o.label")
      .execute();
    expect(answers.map((a) => [a.email, a.key, a.label, a.retired_at !== null, a.source])).toEqual([
      ["a@example.org", "member_type", "Personal member", false, "self"],
      ["a@example.org", "library_type", "Public", false, "self"],
      ["a@example.org", "division", "ACRL (college and research libraries)", false, "self"],
      ["a@example.org", "division", "PLA (public libraries)", false, "self"],
      ["a@example.org", "state", "Ohio", false, "self"],
      ["b@example.org", "library_type", "Bookmobile", true, "self"],
    ]);
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'member_profiles'`.execute(database.db);
    expect(tables.rows[0]!.n).toBe(0);
  });
});
