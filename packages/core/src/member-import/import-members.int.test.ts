import { hashPassword, findUserByEmail, insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMemberAnswers, updateMyAnswers } from "../segments/member-answers";
import { seedTestQuestions } from "../segments/test-questions";
import { AppError } from "../errors";
import { applyMemberImport, checkMemberImport, type MemberImportCheck } from "./import-members";

const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = "email,name,member id,Member type,Divisions,Region\n";

async function checked(database: TestDatabase, text: string | Uint8Array): Promise<Extract<MemberImportCheck, { ok: true }>> {
  const result = await checkMemberImport(database.db, { bytes: typeof text === "string" ? bytes(text) : text, fileName: "members.csv", actorId: null });
  if (!result.ok) throw new Error(`expected a clean check, got ${JSON.stringify(result.problems)}`);
  return result;
}
async function problemsOf(database: TestDatabase, text: string | Uint8Array) {
  const result = await checkMemberImport(database.db, { bytes: typeof text === "string" ? bytes(text) : text, fileName: "bad.csv", actorId: null });
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}
async function snapshot(database: TestDatabase) {
  const users = await database.db.selectFrom("users").select(["id", "email", "display_name", "member_id", "updated_at"]).orderBy("id").execute();
  const profiles = await database.db.selectFrom("member_answers").selectAll().orderBy("user_id").orderBy("option_id").execute();
  return JSON.stringify({ users, profiles });
}

describe.each(testDrivers())("member import on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedTestQuestions(database.db);
  });
  afterAll(() => database.dispose());

  it("previews, applies, and re-importing the same file changes nothing", async () => {
    const existing = await insertUser(database.db, {
      email: "Existing.Member@example.org",
      display_name: "Old Name",
      password_hash: await hashPassword("a long enough password"),
      role: "member",
    });
    const file =
      HEADER +
      'new.one@example.org,New One,M-1,Student,"PLA;yalsa",North\r\n' +
      "existing.member@example.org,Existing Member,M-2,,,\n" +
      "third@example.org,Third Person,,retired,,\n";
    const first = await checked(database, file);
    expect(first.preview).toMatchObject({ rows: 3, create: 2, update: 1, unchanged: 0 });
    expect(first.preview.samples.update).toEqual([{ line: 3, email: "existing.member@example.org", changes: ["name", "member id"] }]);
    // A dry run changes nothing.
    expect(await findUserByEmail(database.db, "new.one@example.org")).toBeUndefined();

    const applied = await applyMemberImport(database.db, { importId: first.importId, actorId: null });
    expect(applied).toMatchObject({ status: "applied", rows: 3, doneRows: 3, created: 2, updated: 1, unchanged: 0 });
    const newOne = (await findUserByEmail(database.db, "new.one@example.org"))!;
    expect([newOne.display_name, newOne.member_id, newOne.role, newOne.email_verified_at !== null, newOne.password_hash]).toEqual([
      "New One",
      "M-1",
      "member",
      true,
      null,
    ]);
    const { questions } = await getMemberAnswers(database.db, newOne.id);
    expect(questions.filter((q) => q.answer.length > 0).map((q) => [q.key, q.answer, q.verified])).toEqual([
      ["member_type", ["Student"], true],
      ["division", ["PLA", "YALSA"], true],
      ["region", ["North"], true],
    ]);
    const updated = (await findUserByEmail(database.db, "existing.member@example.org"))!;
    expect([updated.id, updated.display_name, updated.member_id, updated.email_verified_at]).toEqual([existing!.id, "Existing Member", "M-2", null]);
    // Applying the same check twice is refused (a double click).
    await expect(applyMemberImport(database.db, { importId: first.importId, actorId: null })).rejects.toBeInstanceOf(AppError);
    const stored = await database.db.selectFrom("member_imports").select(["content"]).where("id", "=", first.importId).executeTakeFirstOrThrow();
    expect(stored.content).toBeNull();

    const before = await snapshot(database);
    const again = await checked(database, file);
    expect(again.preview).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    const reapplied = await applyMemberImport(database.db, { importId: again.importId, actorId: null });
    expect(reapplied).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await snapshot(database)).toBe(before);

    // Imported answers are verified: the member cannot overwrite them from /me.
    await expect(updateMyAnswers(database.db, newOne.id, { member_type: "Personal" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("reports bad input line by line and changes nothing", async () => {
    const before = await snapshot(database);
    const imports = await database.db.selectFrom("member_imports").select("id").execute();
    expect(await problemsOf(database, "name,member id\nAnn,1\n")).toEqual([{ line: 1, message: expect.stringContaining("email column is missing") }]);
    expect(await problemsOf(database, "email,name,shoe size\na@example.org,Ann,9\n")).toEqual([
      { line: 1, message: expect.stringContaining('Unknown column: "shoe size"') },
    ]);
    const rows = await problemsOf(
      database,
      HEADER +
        "dup@example.org,Ann One,,,,\n" +
        "DUP@example.org,Ann Two,,,,\n" +
        'formula@example.org,=HYPERLINK("http://evil"),,,,\n' +
        "not-an-email,Ann,,,,\n" +
        "x@example.org,Ann,,Emperor,,\n" +
        "short@example.org,Ann,,,\n",
    );
    expect(rows).toEqual([
      { line: 3, message: "The email DUP@example.org is already on line 2" },
      { line: 4, message: expect.stringContaining("spreadsheet would run as a formula") },
      { line: 5, message: expect.stringContaining("Email:") },
      { line: 6, message: expect.stringContaining('"Emperor" is not one of its choices') },
      { line: 7, message: "Expected 6 fields, found 5" },
    ]);
    // Windows-1252 "é" is not UTF-8: refused with the line, never stored as mojibake.
    const latin1 = Uint8Array.from([...bytes("email,name\nok@example.org,Ok\nrene@example.org,Ren"), 0xe9, 10]);
    expect(await problemsOf(database, latin1)).toEqual([{ line: 3, message: expect.stringContaining("not UTF-8") }]);
    // A file past the size limit is refused before it is read.
    const huge = new Uint8Array(41 * 1024 * 1024);
    expect(await problemsOf(database, huge)).toEqual([{ line: 0, message: expect.stringContaining("the most a member import takes is 40 MB") }]);
    expect(await problemsOf(database, "")).toEqual([{ line: 1, message: expect.stringContaining("empty") }]);
    // A member id that belongs to someone else is a conflict only the database can see.
    await checked(database, "email,name,member id\nholder@example.org,Holder,HELD-1\n").then((c) =>
      applyMemberImport(database.db, { importId: c.importId, actorId: null }),
    );
    const held = await snapshot(database);
    expect(await problemsOf(database, "email,name,member id\nother@example.org,Other,HELD-1\n")).toEqual([
      { line: 2, message: "The member id HELD-1 already belongs to another account (holder@example.org)" },
    ]);
    expect(await snapshot(database)).toBe(held);
    expect(before).not.toBe(held);
    expect((await database.db.selectFrom("member_imports").select("id").execute()).length).toBe(imports.length + 1);
  });
});
