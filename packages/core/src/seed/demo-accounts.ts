import { randomBytes } from "node:crypto";
import { hashPassword, invalidateUserSessions, verifyPassword, findUserByEmail, insertUser } from "@planpulse/auth";
import type { DB, Kysely, Role } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { assignAllDomains } from "../people/domain-assignments";

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; displayName: string; role: Role }> = [
  { email: "member@example.org", displayName: "Maya Member", role: "member" },
  { email: "moderator@example.org", displayName: "Morgan Moderator", role: "moderator" },
  { email: "staff@example.org", displayName: "Sam Staff", role: "staff" },
  { email: "leader@example.org", displayName: "Lee Leader", role: "leader" },
  { email: "admin@example.org", displayName: "Ada Admin", role: "admin" },
];

export const DEFAULT_DEMO_PASSWORD = "plan-pulse-demo";

/**
 * Whether start-up creates the demo accounts (decision 013): only for a local trial. Never with
 * NODE_ENV=production; DEMO_ACCOUNTS=0 turns them off anywhere, DEMO_ACCOUNTS=1 on outside production;
 * unset, they are made on the embedded database only (a PostgreSQL server is likely shared or real).
 */
export function demoAccountsWanted(options: { nodeEnv: string | undefined; driver: "pglite" | "postgres"; demoAccounts: string | undefined }): boolean {
  if (options.nodeEnv === "production" || options.demoAccounts === "0") return false;
  return options.demoAccounts === "1" || options.driver === "pglite";
}

/**
 * The demo accounts (by their address) that still open with a demo password: the shipped default or
 * the configured one. Deleted accounts cannot sign in and do not count.
 */
export async function findAccountsOnDemoPassword(db: Kysely<DB>, demoPassword: string): Promise<string[]> {
  const passwords = [...new Set([DEFAULT_DEMO_PASSWORD, demoPassword])];
  const found: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const user = await findUserByEmail(db, account.email);
    if (!user || user.deleted_at || !user.password_hash) continue;
    for (const password of passwords) {
      if (await verifyPassword(user.password_hash, password)) {
        found.push(account.email);
        break;
      }
    }
  }
  return found;
}

/**
 * Locks the demo accounts still on a demo password: an unguessable password (nobody knows it; a
 * password reset or an admin can give the account back) and no sessions. Nothing they wrote changes.
 */
export async function lockDemoAccounts(db: Kysely<DB>, demoPassword: string): Promise<string[]> {
  const locked = await findAccountsOnDemoPassword(db, demoPassword);
  for (const email of locked) {
    const user = (await findUserByEmail(db, email))!;
    const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", user.id).execute();
      await invalidateUserSessions(trx, user.id);
      await appendAudit(trx, { actorId: null, action: "user.lock_demo", targetType: "user", targetId: user.id, after: { reason: "demo password" } });
    });
  }
  return locked;
}

/**
 * Creates the five demo accounts that are missing. Refuses in production: demo accounts with a
 * known password must never exist there. Whether to call it at all: demoAccountsWanted.
 */
export async function seedDemoAccounts(db: Kysely<DB>, options: { password: string; nodeEnv: string | undefined }): Promise<{ created: string[] }> {
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
      // Demo accounts can take part at once and can be linked by SSO (decisions 016, 017).
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
