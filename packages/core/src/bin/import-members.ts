import { open, stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { migrateToLatest } from "@planpulse/db";
import { MEMBER_IMPORT_MAX_BYTES, MEMBER_INVITATIONS_PER_MINUTE } from "@planpulse/validators";
import { configureMemberInvitations, invitationPortalOrigin, invitationSsoLabel } from "../member-import/invitation-origin";
import { AppError } from "../errors";
import { applyMemberImport, checkMemberImport } from "../member-import/import-members";
import { createProgressBar } from "./progress-bar";
import { openDatabaseFromEnv } from "./open-database";

const USAGE = "Usage: pnpm members:import -- <file.csv> [--dry-run] [--invite]";

// pnpm passes its "--" separator on (pnpm 12), possibly more than once through nested scripts.
const args = process.argv.slice(2).filter((arg) => arg !== "--");
if (args.includes("--help")) {
  console.log(
    `${USAGE}\nChecks a member CSV (line-numbered problems), then applies it in batches with a progress line; --dry-run only checks.\n--invite mails each member the import creates an invitation (a link to choose a password, or SSO), through the mail queue at ${MEMBER_INVITATIONS_PER_MINUTE} a minute; needs PORTAL_ORIGIN for the links.`,
  );
  process.exit(0);
}
const dryRun = args.includes("--dry-run");
const inviteAsked = args.includes("--invite");
const files = args.filter((arg) => !arg.startsWith("--"));
const unknownFlags = args.filter((arg) => arg.startsWith("--") && arg !== "--dry-run" && arg !== "--invite");
if (files.length !== 1 || unknownFlags.length > 0) {
  console.error(unknownFlags.length ? `Unknown option ${unknownFlags.join(", ")}. ${USAGE}` : USAGE);
  process.exit(2);
}
configureMemberInvitations({
  portalOrigin: process.env.PORTAL_ORIGIN,
  ssoLabel: process.env.OIDC_ISSUER ? process.env.OIDC_BUTTON_LABEL || "Sign in with your organisation's account" : null,
});
const portalOrigin = inviteAsked ? invitationPortalOrigin(null) : null;
if (inviteAsked && !portalOrigin) {
  console.error(`--invite needs PORTAL_ORIGIN (the portal's public address, e.g. https://plan.example.org) for the links in the invitations. ${USAGE}`);
  process.exit(2);
}
// pnpm runs the script inside packages/core; a relative path means the directory the operator was in.
const path = isAbsolute(files[0]!) ? files[0]! : resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!);

async function readLimited(file: string): Promise<Uint8Array> {
  const info = await stat(file);
  if (!info.isFile()) throw new Error(`${file} is not a file`);
  if (info.size > MEMBER_IMPORT_MAX_BYTES) return new Uint8Array(MEMBER_IMPORT_MAX_BYTES + 1);
  const handle = await open(file);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

let bytes: Uint8Array;
try {
  bytes = await readLimited(path);
} catch (error) {
  console.error(`Could not read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const database = await openDatabaseFromEnv();
try {
  await migrateToLatest(database.db);
  const started = performance.now();
  const check = await checkMemberImport(database.db, { bytes, fileName: path.split("/").pop() ?? "members.csv", actorId: null, keep: !dryRun });
  if (!check.ok) {
    console.error(`${path}: ${check.problemCount} problem${check.problemCount === 1 ? "" : "s"}; nothing was imported.`);
    for (const problem of check.problems) console.error(problem.line > 0 ? `  line ${problem.line}: ${problem.message}` : `  ${problem.message}`);
    if (check.problemCount > check.problems.length) console.error(`  … and ${check.problemCount - check.problems.length} more`);
    process.exitCode = 1;
  } else {
    const { preview } = check;
    console.log(
      `${preview.rows.toLocaleString("en-US")} members: ${preview.create} to create, ${preview.update} to update, ${preview.unchanged} unchanged (checked in ${((performance.now() - started) / 1000).toFixed(1)} s).`,
    );
    if (preview.segmentColumns.length) console.log(`Verified segment answers from columns: ${preview.segmentColumns.join(", ")}`);
    if (dryRun) {
      console.log("Dry run: nothing was changed.");
    } else {
      const bar = createProgressBar("Importing members", preview.rows);
      const invite = portalOrigin ? { portalOrigin, ssoLabel: invitationSsoLabel() } : null;
      const applied = await applyMemberImport(database.db, { importId: check.importId, actorId: null, onProgress: (done) => bar.update(done), invite });
      bar.done(applied.doneRows);
      if (applied.status !== "applied") {
        console.error(applied.error ?? "The import did not finish.");
        process.exitCode = 1;
      } else {
        console.log(
          `Imported in ${((performance.now() - started) / 1000).toFixed(1)} s: ${applied.created} created, ${applied.updated} updated, ${applied.unchanged} unchanged${invite ? `, ${applied.invited} invitations queued (they leave at ${MEMBER_INVITATIONS_PER_MINUTE} a minute once the host runs)` : ""}.`,
        );
      }
    }
  }
} catch (error) {
  console.error(error instanceof AppError ? error.userMessage : error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
