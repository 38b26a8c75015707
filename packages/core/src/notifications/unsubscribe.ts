import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { DB, Kysely, NotificationPreference } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { NOTIFICATION_PREFERENCE_LABELS, NOTIFICATION_PREFERENCES } from "@planpulse/validators";

/**
 * One-click unsubscribe (RFC 8058, decision 020). A link carries `v1.<user>.<preference|all>.<day>`
 * and its HMAC-SHA256 under the server's mail link key: MAIL_LINK_SECRET when set, otherwise a key
 * generated once and kept in the database (so links survive restarts and work from every process).
 * A link is good for a year; using it twice changes nothing the second time.
 */
export const UNSUBSCRIBE_LINK_DAYS = 365;
const SECRET_NAME = "mail_link_key";
let configuredSecret: string | undefined;
const cachedSecrets = new WeakMap<object, Promise<string>>();

export function configureMailLinkSecret(secret: string | undefined): void {
  configuredSecret = secret || undefined;
}

async function mailLinkSecret(db: Kysely<DB>): Promise<string> {
  if (configuredSecret) return configuredSecret;
  let cached = cachedSecrets.get(db);
  if (!cached) {
    cached = (async () => {
      await db
        .insertInto("server_secrets")
        .values({ name: SECRET_NAME, value: randomBytes(32).toString("base64url") })
        .onConflict((oc) => oc.column("name").doNothing())
        .execute();
      const row = await db.selectFrom("server_secrets").select("value").where("name", "=", SECRET_NAME).executeTakeFirstOrThrow();
      return row.value;
    })();
    cached.catch(() => cachedSecrets.delete(db));
    cachedSecrets.set(db, cached);
  }
  return cached;
}

export type UnsubscribeScope = NotificationPreference | "all";

const day = (date: Date) => Math.floor(date.getTime() / 86_400_000);
const sign = (secret: string, payload: string) => createHmac("sha256", secret).update(payload).digest("base64url");

export async function unsubscribeToken(db: Kysely<DB>, userId: number, scope: UnsubscribeScope, now = new Date()): Promise<string> {
  const payload = `v1.${userId}.${scope}.${day(now)}`;
  return `${payload}.${sign(await mailLinkSecret(db), payload)}`;
}

export type UnsubscribeCheck =
  | { state: "invalid" }
  | { state: "expired" }
  | { state: "gone" }
  | { state: "valid"; userId: number; scope: UnsubscribeScope; label: string; alreadyOff: boolean };

function scopeLabel(scope: UnsubscribeScope): string {
  return scope === "all" ? "All notification email" : NOTIFICATION_PREFERENCE_LABELS[scope];
}

/** Reads a token: tampered or malformed → invalid; too old → expired; a deleted account → gone. Never throws. */
export async function checkUnsubscribeToken(db: Kysely<DB>, token: string, now = new Date()): Promise<UnsubscribeCheck> {
  const match = /^v1\.(\d{1,10})\.([a-z_]{1,40})\.(\d{1,8})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  if (!match) return { state: "invalid" };
  const [, userText, scopeText, dayText, signature] = match;
  const expected = Buffer.from(sign(await mailLinkSecret(db), `v1.${userText}.${scopeText}.${dayText}`));
  const given = Buffer.from(signature!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { state: "invalid" };
  const scope = scopeText as UnsubscribeScope;
  if (scope !== "all" && !(NOTIFICATION_PREFERENCES as readonly string[]).includes(scope)) return { state: "invalid" };
  const userId = Number(userText);
  if (userId > 2_147_483_647) return { state: "invalid" };
  if (day(now) - Number(dayText) > UNSUBSCRIBE_LINK_DAYS) return { state: "expired" };
  const user = await db.selectFrom("users").select(["id", "deleted_at"]).where("id", "=", userId).executeTakeFirst();
  if (!user || user.deleted_at) return { state: "gone" };
  const scopes = scope === "all" ? NOTIFICATION_PREFERENCES : [scope];
  const off = await db
    .selectFrom("notification_preferences")
    .select("preference")
    .where("user_id", "=", userId)
    .where("cadence", "=", "off")
    .where("preference", "in", [...scopes])
    .execute();
  return { state: "valid", userId, scope, label: scopeLabel(scope), alreadyOff: off.length === scopes.length };
}

/** Turns the token's preference (or every one) off. Anything but a valid token changes nothing. */
export async function unsubscribeWithToken(db: Kysely<DB>, token: string, now = new Date()): Promise<UnsubscribeCheck> {
  const check = await checkUnsubscribeToken(db, token, now);
  if (check.state !== "valid" || check.alreadyOff) return check;
  const scopes = check.scope === "all" ? NOTIFICATION_PREFERENCES : [check.scope];
  await db.transaction().execute(async (trx) => {
    for (const preference of scopes) {
      await trx
        .insertInto("notification_preferences")
        .values({ user_id: check.userId, preference, cadence: "off", updated_at: now })
        .onConflict((oc) => oc.columns(["user_id", "preference"]).doUpdateSet({ cadence: "off", updated_at: now }))
        .execute();
    }
    // Rows still waiting take the new choice.
    await trx.updateTable("notifications").set({ mail_cadence: null }).where("user_id", "=", check.userId).where("mail_state", "=", "pending").execute();
    await appendAudit(trx, { actorId: check.userId, action: "notification.unsubscribe", targetType: "user", targetId: check.userId, after: { off: scopes } });
  });
  return { ...check, alreadyOff: false };
}
