/** Test helpers that need a real server (tests and e2e only; never imported by the apps). */
export * from "./mail/smtp-test-server";
export * from "./mail/mail-testbed";
