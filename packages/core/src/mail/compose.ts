/**
 * Every message has a plain-text and an HTML part, the organisation's name, and a footer saying
 * why it was sent and how to change that. Single-use links are written as placeholders
 * ({@link secret}); the queue fills them in at send time and the outbox never holds them.
 */
export type MailContent = {
  organisation: string;
  subject: string;
  /** Plain paragraphs; no markup. */
  paragraphs: string[];
  action?: { label: string; url: string } | undefined;
  /** After the action: lines such as "The link works once, for 24 hours." */
  afterAction?: string[] | undefined;
  /** Why this message was sent ("You asked to reset the password of your account."). */
  reason: string;
  /** How to change or stop it, with a link when there is a page for it. */
  manage: { text: string; url?: string | undefined };
  /** Grouped lines after the paragraphs (a digest's objectives), each heading with an optional link. */
  sections?: Array<{ heading: string; url?: string | undefined; lines: string[] }> | undefined;
  /** A one-click unsubscribe link in the footer (usually a {@link secret} placeholder). */
  unsubscribe?: { text: string; url: string } | undefined;
};

export type ComposedMail = { subject: string; text: string; html: string };

const SECRET = /\{\{secret:([a-z]+)\}\}/g;

/** The placeholder for a value that must never be stored readable (a link with a live token). */
export function secret(name: string): string {
  return `{{secret:${name}}}`;
}

export function fillSecrets(body: string, secrets: Record<string, string>, escape = false): string {
  return body.replace(SECRET, (_, name: string) => {
    const value = secrets[name] ?? "[link no longer available]";
    return escape ? escapeHtml(value) : value;
  });
}

/** What admins see in the outbox in place of a live link. */
export function withheldSecrets(body: string): string {
  return body.replace(SECRET, "[single-use link, withheld from the outbox]");
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function composeMail(content: MailContent): ComposedMail {
  const text = [
    content.organisation,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.sections ?? []).flatMap((section) => [
      section.url ? `${section.heading}\n${section.url}` : section.heading,
      ...section.lines.map((line) => `  - ${line}`),
      "",
    ]),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    ...(content.afterAction ?? []).flatMap((p) => [p, ""]),
    "-- ",
    content.reason,
    content.manage.url ? `${content.manage.text} ${content.manage.url}` : content.manage.text,
    ...(content.unsubscribe ? [`${content.unsubscribe.text} ${content.unsubscribe.url}`] : []),
  ].join("\n");

  const p = (inner: string) => `<p style="margin:0 0 16px;line-height:1.5">${inner}</p>`;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f6f7f9;color:#1b1f24;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:17px">
<div style="max-width:600px;margin:0 auto;padding:24px 16px">
<p style="margin:0 0 20px;font-weight:700;font-size:15px;letter-spacing:.02em">${escapeHtml(content.organisation)} <span style="font-weight:400;color:#4b5563">· Plan Pulse</span></p>
<div style="background:#ffffff;border:1px solid #d1d5db;border-radius:8px;padding:24px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${escapeHtml(content.subject)}</h1>
${content.paragraphs.map((x) => p(escapeHtml(x))).join("\n")}
${(content.sections ?? [])
  .map(
    (section) => `<h2 style="margin:20px 0 8px;font-size:18px;line-height:1.35">${
      section.url ? `<a href="${escapeHtml(section.url)}" style="color:#1d4ed8">${escapeHtml(section.heading)}</a>` : escapeHtml(section.heading)
    }</h2>
<ul style="margin:0 0 16px;padding-left:20px;line-height:1.5">${section.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`,
  )
  .join("\n")}
${
  content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#4b5563">Or paste this address into your browser:<br><span style="word-break:break-all">${escapeHtml(content.action.url)}</span></p>`
    : ""
}
${(content.afterAction ?? []).map((x) => p(escapeHtml(x))).join("\n")}
</div>
<div style="padding:16px 4px;font-size:14px;color:#4b5563;line-height:1.5">
<p style="margin:0 0 8px">${escapeHtml(content.reason)}</p>
<p style="margin:0">${
    content.manage.url
      ? `${escapeHtml(content.manage.text)} <a href="${escapeHtml(content.manage.url)}" style="color:#1d4ed8">${escapeHtml(content.manage.url)}</a>`
      : escapeHtml(content.manage.text)
  }</p>${
    content.unsubscribe
      ? `\n<p style="margin:8px 0 0">${escapeHtml(content.unsubscribe.text)} <a href="${escapeHtml(content.unsubscribe.url)}" style="color:#1d4ed8">Unsubscribe</a></p>`
      : ""
  }
</div>
</div>
</body>
</html>`;
  return { subject: content.subject, text, html };
}
