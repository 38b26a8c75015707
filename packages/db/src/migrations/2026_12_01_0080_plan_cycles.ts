import { sql, type Kysely } from "kysely";

// Frozen: never edit after it has shipped; add a new migration instead.
// Plan cycles (issue #11 item 3, decision 024): each plan belongs to one cycle; one cycle is active,
// the others are archived and read-only. Existing data moves into one cycle.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("plan_cycles")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active").check(sql`status in ('active', 'archived')`))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("ended_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // At most one active cycle, enforced by the database.
  await sql`create unique index plan_cycles_one_active on plan_cycles ((true)) where status = 'active'`.execute(db);

  await db.schema.alterTable("plans").addColumn("cycle_id", "integer", (c) => c.references("plan_cycles.id")).execute();
  await db.schema.alterTable("domains").addColumn("retired_at", "timestamptz").execute();
  await db.schema
    .alterTable("objectives")
    .addColumn("carried_from_objective_id", "integer", (c) => c.references("objectives.id"))
    .execute();

  // Every plan already here becomes a cycle of its own; the first one is the active one.
  const plans = await sql<{ id: number; slug: string; title: string; created_at: Date }>`
    select id, slug, title, created_at from plans order by id`.execute(db);
  for (const [index, plan] of plans.rows.entries()) {
    const inserted = await sql<{ id: number }>`
      insert into plan_cycles (slug, name, status, started_at)
      values (${plan.slug}, ${plan.title}, ${index === 0 ? "active" : "archived"}, ${plan.created_at})
      returning id`.execute(db);
    await sql`update plans set cycle_id = ${inserted.rows[0]!.id} where id = ${plan.id}`.execute(db);
  }
  await sql`alter table plans alter column cycle_id set not null`.execute(db);
  await sql`create unique index plans_cycle_id_key on plans (cycle_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("objectives").dropColumn("carried_from_objective_id").execute();
  await db.schema.alterTable("domains").dropColumn("retired_at").execute();
  await db.schema.alterTable("plans").dropColumn("cycle_id").execute();
  await db.schema.dropTable("plan_cycles").execute();
}
