import { sql, type User } from "@planpulse/db";
import { appendAudit } from "./append-audit";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { AuditFilterSchema } from "@planpulse/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvCell } from "../csv";
import { exportAuditCsv } from "./audit-csv";
import { describeChange } from "./describe-change";
import { AUDIT_PAGE_SIZE, listAuditEntries } from "./list-audit-entries";

describe("audit CSV cells", () => {
  it("neutralises formulas and quotes per RFC 4180", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it("describes a change field by field", () => {
    expect(describeChange({ role: "member" }, { role: "staff" })).toEqual([{ field: "role", before: "member", after: "staff" }]);
    expect(describeChange(null, { a: 1 })).toEqual([{ field: "a", before: "—", after: "1" }]);
  });

  it("rejects reversed and absurd date ranges", () => {
    expect(AuditFilterSchema.safeParse({ from: "2026-02-01", to: "2026-01-01" }).success).toBe(false);
    expect(AuditFilterSchema.safeParse({ from: "0001-01-01" }).success).toBe(false);
    expect(AuditFilterSchema.safeParse({ to: "2026-02-30" }).success).toBe(false);
    expect(AuditFilterSchema.parse({ from: "", page: "x" })).toEqual({ page: 1 });
  });
});

describe.each(testDrivers())("audit log on %s", (driver) => {
  let database: TestDatabase;
  let actor: User;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    actor = (await insertUser(database.db, { email: `audit-${Date.now()}@example.org`, display_name: "Auditor", password_hash: null, role: "admin" }))!;
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i += 1) {
      await appendAudit(database.db, { actorId: actor.id, action: "test.bulk", targetType: "thing", targetId: i, after: { i } });
    }
    await appendAudit(database.db, {
      actorId: null,
      action: "test.formula",
      targetType: "thing",
      reason: '=HYPERLINK("x")',
      before: { a: 1 },
      after: { a: 2 },
    });
  });
  afterAll(() => database.dispose());

  it("filters by actor and action, paginates, and bounds dates", async () => {
    const page1 = await listAuditEntries(database.db, AuditFilterSchema.parse({ actorId: String(actor.id), action: "test.bulk" }));
    expect(page1.total).toBe(AUDIT_PAGE_SIZE + 5);
    expect(page1.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(page1.pageCount).toBe(2);
    const page2 = await listAuditEntries(database.db, AuditFilterSchema.parse({ action: "test.bulk", page: "2" }));
    expect(page2.entries).toHaveLength(5);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEntries(database.db, AuditFilterSchema.parse({ from: today, to: today }))).total).toBe(AUDIT_PAGE_SIZE + 6);
    expect((await listAuditEntries(database.db, AuditFilterSchema.parse({ to: "2020-01-01" }))).total).toBe(0);
    expect(page1.actions).toEqual(["test.bulk", "test.formula"]);
    expect(page1.actors).toEqual([{ id: actor.id, name: "Auditor" }]);
  });

  it("exports CSV with the same filters and neutralised cells", async () => {
    const csv = await exportAuditCsv(database.db, AuditFilterSchema.parse({ action: "test.formula" }));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("cannot be updated or deleted", async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
  });
});
