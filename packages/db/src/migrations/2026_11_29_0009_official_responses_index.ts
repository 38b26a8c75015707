import { sql, type Kysely } from "kysely";

// Frozen. The objective page pins official responses (newest ten). With only the index over every
// top-level comment, finding them walked all of a busy objective's comments (2.2 ms at 2,880
// comments, growing with the thread): official responses are rare, so they get their own index.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index comments_objective_official_idx on comments (objective_id, created_at desc, id desc)
    where kind = 'official_response' and parent_id is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists comments_objective_official_idx`.execute(db);
}
