import type { DB, Kysely } from "@planpulse/db";
import { configureMailer, startMailWorker, type MailWorker } from "./mailer";
import { startTestSmtpServer, type TestSmtpServer } from "./smtp-test-server";

export type MailTestbed = { smtp: TestSmtpServer; worker: MailWorker; stop(): Promise<void> };

/**
 * Mail end to end for a test (tests only): a real SMTP server in-process, the mailer pointed at it,
 * and a mail worker on the test's database. stop() undoes all three.
 */
export async function startMailTestbed(db: Kysely<DB>, worker: Parameters<typeof startMailWorker>[1] = {}): Promise<MailTestbed> {
  const smtp = await startTestSmtpServer();
  configureMailer({ smtpUrl: smtp.url, from: "Plan Pulse <mail@planpulse.test>" });
  const mailWorker = await startMailWorker(db, { pollingIntervalSeconds: 0.5, ...worker });
  return {
    smtp,
    worker: mailWorker,
    async stop() {
      await mailWorker.stop();
      await smtp.close();
      configureMailer({});
    },
  };
}
