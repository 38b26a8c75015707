import { hashPassword } from "@planpulse/auth";
import { appendAudit, assignAllDomains, findUserByEmail, insertUser, type DB, type Kysely, type Role } from "@planpulse/db";

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; displayName: string; role: Role }> = [
  { email: "member@example.org", displayName: "Maya Member", role: "member" },
  { email: "moderator@example.org", displayName: "Morgan Moderator", role: "moderator" },
  { email: "staff@example.org", displayName: "Sam Staff", role: "staff" },
  { email: "leader@example.org", displayName: "Lee Leader", role: "leader" },
  { email: "admin@example.org", displayName: "Ada Admin", role: "admin" },
];

export const DEFAULT_DEMO_PASSWORD = "plan-pulse-demo";

/**
 * Creates the five demo accounts that are missing. Refuses in production: demo accounts with a
 * known password must never exist there.
 */
export async function seedDemoAccounts(
  db: Kysely<DB>,
  options: { password: string; nodeEnv: string | undefined },
): Promise<{ created: string[] }> {
  if (options.nodeEnv === "production") return { created: [] };
  const created: string[] = [];
  let passwordHash: string | undefined;
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserByEmail(db, account.email)) continue;
    passwordHash ??= await hashPassword(options.password);
    const user = await insertUser(db, {
      email: account.email,
      display_name: account.displayName,
      password_hash: passwordHash,
      role: account.role,
      // Demo accounts can take part at once (decision 016).
      email_verified_at: new Date(),
    });
    if (user) {
      created.push(account.email);
      await appendAudit(db, { actorId: null, action: "user.seed_demo", targetType: "user", targetId: user.id, after: { role: account.role } });
      // The demo staff member reports progress for every domain.
      if (account.role === "staff") await assignAllDomains(db, user.id);
    }
  }
  return { created };
}
