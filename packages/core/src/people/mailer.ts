import type { DB, Kysely } from "@planpulse/db";

/**
 * `redact`: secrets in the text (an invitation token) that are sent but never stored: the outbox
 * keeps the message with each replaced by a note, so no live link sits in the database.
 */
export type MailMessage = { to: string; subject: string; text: string; redact?: string[] };

export const REDACTED_SECRET = "[link removed: shown once to the administrator who sent it]";

function storedText(message: MailMessage): string {
  return (message.redact ?? []).filter((secret) => secret.length > 0).reduce((text, secret) => text.split(secret).join(REDACTED_SECRET), message.text);
}
type Transport = { sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown> };

let config: { smtpUrl?: string; from: string } = { from: "Plan Pulse <no-reply@planpulse.invalid>" };
let transport: Promise<Transport> | undefined;

/** Called once at start-up by the host with the environment's SMTP_URL and MAIL_FROM. */
export function configureMailer(options: { smtpUrl?: string | undefined; from?: string | undefined }): void {
  config = { smtpUrl: options.smtpUrl || undefined, from: options.from || config.from };
  transport = undefined;
}

function smtpTransport(url: string): Promise<Transport> {
  transport ??= import("nodemailer").then((nodemailer) => nodemailer.createTransport(url) as Transport);
  return transport;
}

/**
 * Sends a message, never inside a transaction. With no mail server configured the message is kept
 * in the outbox table (admins read it at /outbox); with SMTP_URL it is sent and logged there too.
 */
export async function sendMail(db: Kysely<DB>, message: MailMessage): Promise<{ transport: "outbox" | "smtp"; sent: boolean }> {
  if (!config.smtpUrl) {
    await db.insertInto("outbox").values({ to_address: message.to, subject: message.subject, body: storedText(message), transport: "outbox" }).execute();
    return { transport: "outbox", sent: false };
  }
  let error: string | null = null;
  try {
    await (await smtpTransport(config.smtpUrl)).sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text });
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
  }
  await db
    .insertInto("outbox")
    .values({ to_address: message.to, subject: message.subject, body: storedText(message), transport: "smtp", sent_at: error ? null : new Date(), error })
    .execute();
  return { transport: "smtp", sent: error === null };
}

export type OutboxEntry = { id: number; to: string; subject: string; body: string; transport: string; sentAt: string | null; error: string | null; createdAt: string };

export async function listOutbox(db: Kysely<DB>, limit = 100): Promise<OutboxEntry[]> {
  const rows = await db.selectFrom("outbox").selectAll().orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    transport: r.transport,
    sentAt: r.sent_at?.toISOString() ?? null,
    error: r.error,
    createdAt: r.created_at.toISOString(),
  }));
}
