import { sql, type Kysely } from "kysely";

// Frozen. The audit log already refuses UPDATE and DELETE; TRUNCATE skips row and statement
// triggers for those, so it gets its own. The app's role also gives up its TRUNCATE, UPDATE and
// DELETE privileges on the table (a table owner may revoke its own privileges; a superuser
// bypasses both, which is why production runs as an ordinary role: see decision 014).
// Invitation links that sat readable in the outbox are blanked: the outbox keeps no live token.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_is_append_only()`.execute(db);
  await sql`revoke truncate, update, delete on audit_log from public`.execute(db);
  await sql`revoke truncate, update, delete on audit_log from current_user`.execute(db);
  await sql`
    update outbox
    set body = regexp_replace(body, '/invite/[a-z2-7]{20,64}', '/invite/[link removed: shown once to the administrator who sent it]', 'g')
    where body ~ '/invite/[a-z2-7]{20,64}'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`grant truncate, update, delete on audit_log to current_user`.execute(db);
  await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
}
