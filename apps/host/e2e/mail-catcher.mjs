// The e2e suite's mail server: a real SMTP server (the one the integration tests use) that the host
// sends to, and a small HTTP API the specs read arrived mail from. Started by playwright.config.ts.
import { createServer } from "node:http";
import { startTestSmtpServer } from "@planpulse/core/testing";

const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3102);
const apiPort = Number(process.env.E2E_MAIL_API_PORT ?? 3103);
const smtp = await startTestSmtpServer({ port: smtpPort });

const api = createServer((request, response) => {
  const url = new URL(request.url ?? "/", `http://127.0.0.1:${apiPort}`);
  if (url.pathname === "/healthz") {
    response.end("ok");
    return;
  }
  if (url.pathname === "/messages") {
    const to = url.searchParams.get("to");
    const messages = (to ? smtp.to(to) : smtp.received).map((m) => ({
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      messageId: m.messageId,
      headers: Object.fromEntries([...m.headers.entries()].map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)])),
      rawHeaders: m.rawHeaders,
    }));
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(messages));
    return;
  }
  response.statusCode = 404;
  response.end();
});
api.listen(apiPort, "127.0.0.1", () => console.log(`mail catcher: SMTP ${smtp.url}, API http://127.0.0.1:${apiPort}`));

const stop = async () => {
  api.close();
  await smtp.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
