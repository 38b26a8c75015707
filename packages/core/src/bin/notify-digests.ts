import { migrateToLatest } from "@planpulse/db";
import { configureNotificationMail, runNotificationMail } from "../notifications/notification-mail";
import { commandLine } from "./command-line";
import { openDatabaseFromEnv } from "./open-database";

// pnpm notify:digests [-- --now] — sends the notification mail that is due (decision 020).
const options = commandLine(
  [
    "Usage: pnpm notify:digests [-- --now]",
    "Sends the notification email that is due: digests whose time has come in each member's time zone",
    '(08:00; Monday for weekly) and "at once" mail past its coalescing window. With --now, every pending',
    "digest and message goes now, whatever the hour (for operators and tests). Messages go through the",
    "mail queue: a running Plan Pulse (pnpm start) delivers them. Uses DATABASE_URL, or the embedded",
    "database when the app is not running. PORTAL_ORIGIN / ADMIN_ORIGIN build the links; MAIL_LINK_SECRET",
    "signs the unsubscribe links (as the app does).",
  ].join("\n"),
  { now: { type: "boolean", default: false } },
);
configureNotificationMail({
  portalOrigin: process.env.PORTAL_ORIGIN || `http://localhost:${process.env.PORT || process.env.PORTAL_PORT || 3000}`,
  adminOrigin: process.env.ADMIN_ORIGIN || `http://localhost:${process.env.ADMIN_PORT || 3001}`,
  linkSecret: process.env.MAIL_LINK_SECRET || undefined,
});
const database = await openDatabaseFromEnv();
try {
  await migrateToLatest(database.db);
  const run = await runNotificationMail(database.db, { force: options.now === true, digests: true });
  console.log(
    `Queued ${run.digests} ${run.digests === 1 ? "digest" : "digests"} and ${run.messages} ${run.messages === 1 ? "message" : "messages"}; ` +
      `${run.waiting} ${run.waiting === 1 ? "notification waits" : "notifications wait"} for a later digest; ${run.skipped} not mailed (off, or no confirmed address).`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
