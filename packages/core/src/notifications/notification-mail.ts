import {
  kickNotificationMail,
  notificationCoalesceSeconds,
  NOTIFY_QUEUE,
  setNotificationCoalesceSeconds,
  type DB,
  type Kysely,
  type NotificationCadence,
  type NotificationKind,
  type PgBoss,
  type Role,
} from "@planpulse/db";
import { describeNotification, NOTIFICATION_CADENCE_LABELS, NOTIFICATION_KIND_PREFERENCE, NOTIFICATION_PREFERENCE_LABELS } from "@planpulse/validators";
import { composeMail, secret } from "../mail/compose";
import { enqueueMail } from "../mail/mailer";
import { getOrganisationSettings } from "../organisation/organisation-settings";
import { loadNotificationPreferences } from "./preferences";
import { configureMailLinkSecret, unsubscribeToken, type UnsubscribeScope } from "./unsubscribe";

/**
 * Notification mail (decision 020). Every in-app notification row is also mail waiting to be sent:
 * `insertNotifications` writes it as pending and wakes this worker. Each run decides, per row and
 * per the recipient's preference for its kind: off (or nobody to mail) → skipped; at once → sent
 * together with the member's other pending rows once the oldest is NOTIFY_COALESCE_SECONDS old;
 * daily or weekly → left for the digest at 08:00 in the member's time zone (Monday for weekly).
 * Rows are marked sent in the transaction that writes the message, under an idempotency key, so a
 * row is mailed once, whichever process or retry runs it.
 */

export const DIGEST_HOUR = 8;
/** Monday, as Intl counts weekdays here (Sunday = 0). */
export const WEEKLY_DIGEST_DAY = 1;
const BATCH = 5_000;
const MODERATOR_ROLES: readonly Role[] = ["moderator", "admin"];

let origins = { portal: "http://localhost:3000", admin: "http://localhost:3001" };

/** Called at start-up (host, commands, tests): the public origins links are built on, the window, the link key. */
export function configureNotificationMail(options: {
  portalOrigin?: string | undefined;
  adminOrigin?: string | undefined;
  coalesceSeconds?: number | undefined;
  linkSecret?: string | undefined;
}): void {
  origins = {
    portal: (options.portalOrigin ?? origins.portal).replace(/\/$/, ""),
    admin: (options.adminOrigin ?? origins.admin).replace(/\/$/, ""),
  };
  if (options.coalesceSeconds !== undefined) setNotificationCoalesceSeconds(options.coalesceSeconds);
  if (options.linkSecret !== undefined) configureMailLinkSecret(options.linkSecret);
}

// ---------------------------------------------------------------- time zones

function zonedParts(at: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    weekday: "short",
  }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "0";
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday"));
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")) % 24,
    minute: Number(get("minute")),
    second: Number(get("second")),
    weekday,
  };
}

function offsetMs(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant a wall-clock hour on a date happens in a time zone. */
function zonedTime(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = offsetMs(guess, timeZone);
  const second = offsetMs(guess - first, timeZone);
  return guess - second;
}

/** The most recent digest time at or before `now` in the member's time zone. */
export function lastDigestTime(cadence: "daily" | "weekly", timeZone: string, now: Date): Date {
  const p = zonedParts(now.getTime(), timeZone);
  const back = cadence === "daily" ? 0 : (p.weekday - WEEKLY_DIGEST_DAY + 7) % 7;
  let slot = zonedTime(p.year, p.month, p.day - back, DIGEST_HOUR, timeZone);
  if (slot > now.getTime()) slot = zonedTime(p.year, p.month, p.day - back - (cadence === "daily" ? 1 : 7), DIGEST_HOUR, timeZone);
  return new Date(slot);
}

// ---------------------------------------------------------------- reading what is pending

type PendingRow = {
  id: number;
  user_id: number;
  kind: NotificationKind;
  comment_id: number | null;
  created_at: Date;
  mail_cadence: "immediate" | "daily" | "weekly" | null;
  actor_name: string | null;
  objective_slug: string | null;
  objective_text: string | null;
  email: string;
  display_name: string;
  role: Role;
  time_zone: string | null;
  mailable: boolean;
};

/** Pending rows after `afterId`: those not yet looked at and those waiting for mail at once, or the digests' rows. */
async function loadPending(db: Kysely<DB>, afterId: number, which: "new" | "digest"): Promise<PendingRow[]> {
  const rows = await db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .leftJoin("users as actor", "actor.id", "n.actor_id")
    .leftJoin("objectives as o", "o.id", "n.objective_id")
    .select([
      "n.id",
      "n.user_id",
      "n.kind",
      "n.comment_id",
      "n.created_at",
      "n.mail_cadence",
      "actor.display_name as actor_name",
      "o.slug as objective_slug",
      "o.text as objective_text",
      "u.email",
      "u.display_name",
      "u.role",
      "u.time_zone",
      "u.deleted_at",
      "u.suspended_at",
      "u.email_verified_at",
    ])
    .where("n.mail_state", "=", "pending")
    .where((eb) =>
      which === "new" ? eb.or([eb("n.mail_cadence", "is", null), eb("n.mail_cadence", "=", "immediate")]) : eb("n.mail_cadence", "in", ["daily", "weekly"]),
    )
    .where("n.id", ">", afterId)
    .orderBy("n.id")
    .limit(BATCH)
    .execute();
  return rows.map((r) => ({
    ...r,
    // Moderators act for the association: members see the team, not a named person.
    actor_name: r.kind === "comment_hidden" || r.kind === "comment_restored" ? "The moderators" : r.actor_name,
    mailable: r.deleted_at === null && r.suspended_at === null && r.email_verified_at !== null,
  }));
}

// ---------------------------------------------------------------- composing and sending

type Mode = "immediate" | "daily" | "weekly";

function objectiveGroups(rows: PendingRow[], timeZone: string, withTime: boolean) {
  const groups = new Map<string, { heading: string; url: string | undefined; lines: string[] }>();
  const when = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  for (const row of rows) {
    const key = row.objective_slug ?? "";
    let group = groups.get(key);
    if (!group) {
      const alert = NOTIFICATION_KIND_PREFERENCE[row.kind] === "moderator_alerts";
      group = {
        heading: row.objective_text ?? "Across the plan",
        url: row.objective_slug
          ? alert
            ? `${origins.admin}/moderation/objectives/${row.objective_slug}`
            : `${origins.portal}/objectives/${row.objective_slug}`
          : undefined,
        lines: [],
      };
      groups.set(key, group);
    }
    const line = describeNotification(row.kind, row.actor_name);
    group.lines.push(withTime ? `${line} (${when.format(row.created_at)})` : line);
  }
  return [...groups.values()];
}

type Organisation = { name: string; timeZone: string };

async function sendMessage(db: Kysely<DB>, user: PendingRow, rows: PendingRow[], mode: Mode, now: Date, org: Organisation): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Whatever another process or an earlier try already took is not ours to send again.
    const locked = await trx
      .selectFrom("notifications")
      .select("id")
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .where("mail_state", "=", "pending")
      .forUpdate()
      .execute();
    const ids = new Set(locked.map((r) => r.id));
    const mine = rows.filter((r) => ids.has(r.id));
    if (mine.length === 0) return false;
    await trx
      .updateTable("notifications")
      .set({ mail_state: "sent", mailed_at: now, mail_cadence: mode })
      .where("id", "in", [...ids])
      .execute();

    const preferences = [...new Set(mine.map((r) => NOTIFICATION_KIND_PREFERENCE[r.kind]))];
    const scope: UnsubscribeScope = preferences.length === 1 ? preferences[0]! : "all";
    const alerts = preferences.every((p) => p === "moderator_alerts");
    const organisation = org.name;
    const timeZone = user.time_zone ?? org.timeZone;
    const count = mine.length;
    const subject =
      mode === "immediate"
        ? count === 1
          ? describeNotification(mine[0]!.kind, mine[0]!.actor_name)
          : `${count} new notifications`
        : `Your ${mode} digest: ${count} ${count === 1 ? "update" : "updates"}`;
    const cadence = NOTIFICATION_CADENCE_LABELS[mode as NotificationCadence].toLowerCase();
    const settingsUrl = alerts ? `${origins.admin}/moderation/alerts` : `${origins.portal}/me/notifications/settings`;
    const mail = composeMail({
      organisation,
      subject,
      paragraphs: [
        `Hello ${user.display_name},`,
        mode === "immediate"
          ? count === 1
            ? "This just happened on the plan:"
            : "Here is what happened in the last few minutes:"
          : `Here is what happened since your last ${mode} digest, objective by objective:`,
      ],
      sections: objectiveGroups(mine, timeZone, mode !== "immediate"),
      action: alerts
        ? { label: "Open the moderation queue", url: `${origins.admin}/moderation` }
        : { label: "See your notifications", url: `${origins.portal}/me/notifications` },
      reason: `You received this because ${preferences.map((p) => `“${NOTIFICATION_PREFERENCE_LABELS[p]}” is set to ${cadence}`).join(" and ")} in your notification settings.`,
      manage: { text: "Change what you receive and how often:", url: settingsUrl },
      unsubscribe: {
        text: scope === "all" ? "Stop all notification email in one click:" : `Stop email about “${NOTIFICATION_PREFERENCE_LABELS[scope]}” in one click:`,
        url: secret("unsubscribe"),
      },
    });
    const link = `${origins.portal}/unsubscribe?token=${await unsubscribeToken(trx, user.user_id, scope, now)}`;
    const first = mine[0]!.id;
    const last = mine[mine.length - 1]!.id;
    await enqueueMail(trx, {
      ...mail,
      to: user.email,
      userId: user.user_id,
      key: `notify:${user.user_id}:${mode}:${first}-${last}`,
      kind: mode === "immediate" ? "notification" : `digest_${mode}`,
      secrets: { unsubscribe: link },
      headers: { "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    return true;
  });
}

export type NotificationMailRun = { messages: number; digests: number; skipped: number; waiting: number };

async function markSkipped(db: Kysely<DB>, ids: number[]) {
  if (ids.length > 0)
    await db
      .updateTable("notifications")
      .set({ mail_state: "skipped", mail_cadence: null })
      .where("id", "in", ids)
      .where("mail_state", "=", "pending")
      .execute();
}

/**
 * Sends what is due: coalesced "at once" mail whose window has passed and (with `digests`) digests
 * whose time has come in the member's time zone. `force` sends everything pending now, digests
 * included (`pnpm notify:digests -- --now`). The one entry point for the worker, the schedule and
 * the command.
 */
export async function runNotificationMail(db: Kysely<DB>, options: { now?: Date; force?: boolean; digests?: boolean } = {}): Promise<NotificationMailRun> {
  const now = options.now ?? new Date();
  const result: NotificationMailRun = { messages: 0, digests: 0, skipped: 0, waiting: 0 };
  const org = await getOrganisationSettings(db);
  const organisationTimeZone = org.timeZone;
  const windowMs = notificationCoalesceSeconds() * 1000;
  let nextDue: number | null = null;

  // New rows take their recipient's cadence; rows for mail at once go when the member's window has passed.
  for (let cursor = 0; ;) {
    const pending = await loadPending(db, cursor, "new");
    if (pending.length === 0) break;
    cursor = pending[pending.length - 1]!.id;
    const unread = pending.filter((r) => r.mail_cadence === null);
    const preferences = await loadNotificationPreferences(db, [...new Set(unread.map((r) => r.user_id))]);
    const skip: number[] = [];
    const later: Record<"daily" | "weekly", number[]> = { daily: [], weekly: [] };
    const immediate = new Map<number, PendingRow[]>();
    for (const row of pending) {
      const preference = NOTIFICATION_KIND_PREFERENCE[row.kind];
      const cadence = row.mail_cadence ?? (preference ? preferences.get(row.user_id)![preference] : "off");
      const alertForNonModerator = preference === "moderator_alerts" && !MODERATOR_ROLES.includes(row.role);
      if (!row.mailable || cadence === "off" || alertForNonModerator) skip.push(row.id);
      else if (cadence !== "immediate") later[cadence].push(row.id);
      else immediate.set(row.user_id, [...(immediate.get(row.user_id) ?? []), row]);
    }
    await markSkipped(db, skip);
    result.skipped += skip.length;
    for (const cadence of ["daily", "weekly"] as const) {
      if (later[cadence].length > 0)
        await db.updateTable("notifications").set({ mail_cadence: cadence }).where("id", "in", later[cadence]).where("mail_state", "=", "pending").execute();
    }
    for (const rows of immediate.values()) {
      const due = rows[0]!.created_at.getTime() + windowMs;
      if (options.force || due <= now.getTime()) {
        if (await sendMessage(db, rows[0]!, rows, "immediate", now, org)) result.messages += 1;
      } else {
        const waiting = rows.filter((r) => r.mail_cadence === null).map((r) => r.id);
        if (waiting.length > 0)
          await db.updateTable("notifications").set({ mail_cadence: "immediate" }).where("id", "in", waiting).where("mail_state", "=", "pending").execute();
        nextDue = nextDue === null ? due : Math.min(nextDue, due);
        result.waiting += rows.length;
      }
    }
    if (pending.length < BATCH) break;
  }

  // Digests: each member's rows from before their latest digest time (08:00 local; Monday for weekly).
  if (options.digests || options.force) {
    for (let cursor = 0; ;) {
      const pending = await loadPending(db, cursor, "digest");
      if (pending.length === 0) break;
      cursor = pending[pending.length - 1]!.id;
      const gone = pending.filter((r) => !r.mailable).map((r) => r.id);
      await markSkipped(db, gone);
      result.skipped += gone.length;
      const groups = new Map<string, PendingRow[]>();
      for (const row of pending) {
        if (!row.mailable) continue;
        const key = `${row.user_id}:${row.mail_cadence}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      for (const rows of groups.values()) {
        const mode = rows[0]!.mail_cadence as "daily" | "weekly";
        const cutoff = options.force ? now.getTime() + 1 : lastDigestTime(mode, rows[0]!.time_zone ?? organisationTimeZone, now).getTime();
        const due = rows.filter((r) => r.created_at.getTime() < cutoff);
        if (due.length > 0 && (await sendMessage(db, due[0]!, due, mode, now, org))) result.digests += 1;
        result.waiting += rows.length - due.length;
      }
      if (pending.length < BATCH) break;
    }
  }
  if (nextDue !== null) await kickNotificationMail(db, (nextDue - now.getTime()) / 1000 + 1);
  return result;
}

/**
 * Registers the notification worker and its schedule on a started pg-boss instance: jobs from
 * `insertNotifications` (after the coalescing window) and a run every 15 minutes for digests. The
 * schedule is kept by pg-boss in the database, so several processes still send each digest once.
 */
export async function startNotificationMail(boss: PgBoss, db: Kysely<DB>, options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  await boss.work<{ task?: string }>(NOTIFY_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
    await runNotificationMail(db, { digests: jobs.some((job) => job.data?.task === "digests") });
  });
  await boss.schedule(NOTIFY_QUEUE, "*/15 * * * *", { task: "digests" });
}
