import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";

type Executor = Kysely<DB> | Transaction<DB>;

// Which domains a staff member answers for (staff_domain_assignments).

export async function listAssignedDomainIds(db: Executor, userId: number): Promise<number[]> {
  const rows = await db.selectFrom("staff_domain_assignments").select("domain_id").where("user_id", "=", userId).execute();
  return rows.map((r) => r.domain_id);
}

/** Replaces a user's assignments; returns the domain ids before the change. */
export async function replaceAssignedDomains(db: Transaction<DB>, userId: number, domainIds: number[]): Promise<number[]> {
  const before = await listAssignedDomainIds(db, userId);
  await db.deleteFrom("staff_domain_assignments").where("user_id", "=", userId).execute();
  if (domainIds.length > 0) {
    await db
      .insertInto("staff_domain_assignments")
      .values(domainIds.map((domain_id) => ({ user_id: userId, domain_id })))
      .execute();
  }
  return before.sort((a, b) => a - b);
}

export async function assignAllDomains(db: Executor, userId: number): Promise<void> {
  await sql`
    insert into staff_domain_assignments (user_id, domain_id)
    select ${userId}, id from domains
    on conflict do nothing`.execute(db);
}
