import { createHash } from "node:crypto";
import { sql, type DB, type Kysely, type MemberImportStatus } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { findSegmentAnswers, listSegmentQuestions, segmentAnswersDiffer, setVerifiedSegmentAnswersBulk } from "../account/segment-answers";
import { AppError } from "../errors";
import { mailMemberInvitation } from "../auth/account-tokens";
import { MEMBER_INVITATIONS_PER_MINUTE } from "@planpulse/validators";
import { decodeCsv, parseMemberCsv, type ImportProblem, type ParsedMemberRow } from "./parse-member-csv";

/** Rows per batch: each batch is one short transaction, so members' requests never wait long behind an import. */
export const IMPORT_BATCH_ROWS = 2_000;
/** With invitations each new member costs a few more statements: smaller batches keep each transaction short. */
export const IMPORT_BATCH_ROWS_INVITING = 200;

/** Invite the members an import creates: the portal's address for the link, and the SSO button's label if any. */
export type MemberImportInvite = { portalOrigin: string; ssoLabel?: string | null; perMinute?: number; now?: Date };
const SAMPLE = 10;

export type MemberImportPreview = {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  /** A few lines of each kind, so the admin can see what the counts mean. */
  samples: { create: Array<{ line: number; email: string; name: string }>; update: Array<{ line: number; email: string; changes: string[] }> };
  segmentColumns: string[];
};

export type MemberImportCheck = { ok: false; problems: ImportProblem[]; problemCount: number } | { ok: true; importId: number; preview: MemberImportPreview };

type Existing = { id: number; email: string; display_name: string; member_id: string | null };

async function findExisting(db: Kysely<DB>, emails: string[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  for (let i = 0; i < emails.length; i += 5_000) {
    const chunk = emails.slice(i, i + 5_000);
    const rows = await db
      .selectFrom("users")
      .select(["id", sql<string>`lower(email)`.as("email"), "display_name", "member_id"])
      .where(sql<string>`lower(email)`, "=", sql<string>`any(${chunk}::text[])`)
      .execute();
    for (const row of rows) found.set(row.email, row);
  }
  return found;
}

/** Checks against the database what the file would do, and the conflicts only the database can see. */
async function preview(
  db: Kysely<DB>,
  rows: ParsedMemberRow[],
  segmentColumns: string[],
): Promise<{ preview: MemberImportPreview; problems: ImportProblem[] }> {
  const existing = await findExisting(
    db,
    rows.map((r) => r.email),
  );
  const problems: ImportProblem[] = [];
  const memberIds = rows.flatMap((r) => (r.memberId ? [r.memberId] : []));
  const holders = new Map<string, string>();
  for (let i = 0; i < memberIds.length; i += 5_000) {
    const chunk = memberIds.slice(i, i + 5_000);
    const held = await db
      .selectFrom("users")
      .select(["member_id", sql<string>`lower(email)`.as("email")])
      .where("member_id", "=", sql<string>`any(${chunk}::text[])`)
      .execute();
    for (const row of held) holders.set(row.member_id!, row.email);
  }
  const answers = await findSegmentAnswers(
    db,
    [...existing.values()].map((e) => e.id),
  );
  const result: MemberImportPreview = { rows: rows.length, create: 0, update: 0, unchanged: 0, samples: { create: [], update: [] }, segmentColumns };
  for (const row of rows) {
    const holder = row.memberId ? holders.get(row.memberId) : undefined;
    if (holder !== undefined && holder !== row.email) {
      problems.push({ line: row.line, message: `The member id ${row.memberId} already belongs to another account (${holder})` });
      continue;
    }
    const current = existing.get(row.email);
    if (!current) {
      result.create += 1;
      if (result.samples.create.length < SAMPLE) result.samples.create.push({ line: row.line, email: row.email, name: row.name });
      continue;
    }
    const changes: string[] = [];
    if (current.display_name !== row.name) changes.push("name");
    if (row.memberId && current.member_id !== row.memberId) changes.push("member id");
    if (segmentAnswersDiffer(answers.get(current.id), row.answers, "import")) changes.push("segment answers");
    if (changes.length) {
      result.update += 1;
      if (result.samples.update.length < SAMPLE) result.samples.update.push({ line: row.line, email: row.email, changes });
    } else {
      result.unchanged += 1;
    }
  }
  return { preview: result, problems };
}

/**
 * Dry run: reads and checks the file, compares it with the database, and keeps it for the apply.
 * Nothing about members changes. Problems come back line-numbered.
 */
export async function checkMemberImport(
  db: Kysely<DB>,
  input: { bytes: Uint8Array; fileName: string; actorId: number | null; /** false: a pure dry run, the file is not kept for an apply. */ keep?: boolean },
): Promise<MemberImportCheck> {
  const decoded = decodeCsv(input.bytes);
  if ("problem" in decoded) return { ok: false, problems: [decoded.problem], problemCount: 1 };
  const parsed = parseMemberCsv(decoded.text, await listSegmentQuestions(db));
  if (parsed.problemCount > 0) return { ok: false, problems: parsed.problems, problemCount: parsed.problemCount };
  const checked = await preview(db, parsed.rows, parsed.segmentKeys);
  if (checked.problems.length > 0) return { ok: false, problems: checked.problems.slice(0, 200), problemCount: checked.problems.length };
  if (input.keep === false) return { ok: true, importId: 0, preview: checked.preview };
  // A checked file nobody applied within a day is dropped (it holds names and emails).
  await db
    .deleteFrom("member_imports")
    .where("status", "=", "checked")
    .where("created_at", "<", sql<Date>`now() - interval '1 day'`)
    .execute();
  const row = await db
    .insertInto("member_imports")
    .values({
      created_by: input.actorId,
      file_name: input.fileName.slice(0, 200) || "members.csv",
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      content: decoded.text,
      row_count: parsed.rows.length,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, importId: row.id, preview: checked.preview };
}

export type MemberImportProgress = {
  id: number;
  fileName: string;
  status: MemberImportStatus;
  rows: number;
  doneRows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Invitations queued (only for members the import created). */
  invited: number;
  error: string | null;
};

export async function getMemberImport(db: Kysely<DB>, id: number): Promise<MemberImportProgress> {
  const row = await db.selectFrom("member_imports").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "There is no member import with that number." });
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status,
    rows: row.row_count,
    doneRows: row.done_rows,
    created: row.created_count,
    updated: row.updated_count,
    unchanged: row.unchanged_count,
    invited: row.invited_count,
    error: row.error,
  };
}

/**
 * Applies a checked import. Claims it first (only one apply per check, however many clicks), then
 * writes in batches; `wait: false` returns at once and the work goes on in the background (the
 * admin page shows its progress). Re-importing the same file changes nothing.
 */
export async function applyMemberImport(
  db: Kysely<DB>,
  input: { importId: number; actorId: number | null; wait?: boolean; onProgress?: (done: number, total: number) => void; invite?: MemberImportInvite | null },
): Promise<MemberImportProgress> {
  const claimed = await db
    .updateTable("member_imports")
    .set({ status: "applying", invite: Boolean(input.invite) })
    .where("id", "=", input.importId)
    .where("status", "=", "checked")
    .returning(["id", "content"])
    .executeTakeFirst();
  if (!claimed?.content) {
    const current = await getMemberImport(db, input.importId);
    throw new AppError("CONFLICT", {
      userMessage: current.status === "applied" ? "This import has already been applied." : "This import is already being applied.",
    });
  }
  const content = claimed.content;
  const work = runImport(db, input.importId, content, input.actorId, input.onProgress, input.invite ?? null).catch(async (error: unknown) => {
    const message =
      error instanceof AppError
        ? error.userMessage
        : "The import stopped on a database error; what was written so far stays, and importing the file again completes it.";
    console.warn(`[member-import] import ${input.importId} failed: ${error instanceof Error ? error.message : String(error)}`);
    await db.updateTable("member_imports").set({ status: "failed", error: message }).where("id", "=", input.importId).execute();
  });
  if (input.wait ?? true) await work;
  return getMemberImport(db, input.importId);
}

async function runImport(
  db: Kysely<DB>,
  importId: number,
  content: string,
  actorId: number | null,
  onProgress: ((done: number, total: number) => void) | undefined,
  invite: MemberImportInvite | null,
) {
  const questions = await listSegmentQuestions(db);
  const parsed = parseMemberCsv(content, questions);
  if (parsed.problemCount > 0) throw new AppError("BAD_REQUEST", { userMessage: "The file no longer checks out; check it again." });
  const rows = parsed.rows;
  let created = 0;
  let touched = 0;
  let invited = 0;
  const started = (invite?.now ?? new Date()).getTime();
  const spacingMs = 60_000 / Math.max(1, invite?.perMinute ?? MEMBER_INVITATIONS_PER_MINUTE);
  const batchRows = invite ? IMPORT_BATCH_ROWS_INVITING : IMPORT_BATCH_ROWS;
  for (let i = 0; i < rows.length; i += batchRows) {
    const batch = rows.slice(i, i + batchRows);
    const counts = await db.transaction().execute(async (trx) => {
      // Imported addresses come from the association's records: new accounts start verified.
      // Existing accounts keep their own verification state (an import never vouches for a sign-up).
      const written = await sql<{ id: number; email: string; inserted: boolean }>`
        insert into users (email, display_name, role, member_id, email_verified_at)
        select t.email, t.name, 'member', t.member_id, now()
        from unnest(${batch.map((r) => r.email)}::text[], ${batch.map((r) => r.name)}::text[], ${batch.map((r) => r.memberId)}::text[]) as t(email, name, member_id)
        on conflict ((lower(email))) do update set
          display_name = excluded.display_name,
          member_id = coalesce(excluded.member_id, users.member_id),
          updated_at = now()
        where users.display_name is distinct from excluded.display_name
           or (excluded.member_id is not null and users.member_id is distinct from excluded.member_id)
        returning id, lower(email) as email, (xmax = 0) as inserted`.execute(trx);
      const ids = new Map<string, number>();
      for (const row of written.rows) ids.set(row.email, row.id);
      const missing = batch.filter((r) => !ids.has(r.email)).map((r) => r.email);
      if (missing.length) {
        const rest = await trx
          .selectFrom("users")
          .select(["id", sql<string>`lower(email)`.as("email")])
          .where(sql<string>`lower(email)`, "=", sql<string>`any(${missing}::text[])`)
          .execute();
        for (const row of rest) ids.set(row.email, row.id);
      }
      const answersChanged = await setVerifiedSegmentAnswersBulk(
        trx,
        batch.flatMap((r) => (ids.has(r.email) ? [{ userId: ids.get(r.email)!, answers: r.answers }] : [])),
        "import",
      );
      const changedIds = new Set([...written.rows.filter((r) => !r.inserted).map((r) => r.id), ...answersChanged]);
      const insertedIds = new Set(written.rows.filter((r) => r.inserted).map((r) => r.id));
      for (const id of insertedIds) changedIds.delete(id);
      let batchInvited = 0;
      if (invite) {
        // Only members this import created; each message waits its turn so the mail server sees a steady rate.
        const names = new Map(batch.map((r) => [r.email, r.name]));
        for (const row of written.rows.filter((r) => r.inserted)) {
          const startAfter = new Date(started + (invited + batchInvited) * spacingMs);
          const user = { id: row.id, email: row.email, display_name: names.get(row.email) ?? row.email };
          if (await mailMemberInvitation(trx, user, { portalOrigin: invite.portalOrigin, ssoLabel: invite.ssoLabel ?? null, startAfter })) batchInvited += 1;
        }
      }
      await trx
        .updateTable("member_imports")
        .set({
          done_rows: i + batch.length,
          created_count: sql`created_count + ${insertedIds.size}`,
          updated_count: sql`updated_count + ${changedIds.size}`,
          unchanged_count: sql`unchanged_count + ${batch.length - insertedIds.size - changedIds.size}`,
          invited_count: sql`invited_count + ${batchInvited}`,
        })
        .where("id", "=", importId)
        .execute();
      return { created: insertedIds.size, touched: changedIds.size, invited: batchInvited };
    });
    invited += counts.invited;
    created += counts.created;
    touched += counts.touched;
    onProgress?.(i + batch.length, rows.length);
    // Let members' requests in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await db.transaction().execute(async (trx) => {
    // The names and emails were only needed to apply; the record keeps the counts.
    await trx
      .updateTable("member_imports")
      .set({ status: "applied", content: null, applied_at: sql`now()` })
      .where("id", "=", importId)
      .execute();
    await appendAudit(trx, {
      actorId,
      action: "member.import",
      targetType: "member_import",
      targetId: importId,
      after: { rows: rows.length, created, updated: touched, unchanged: rows.length - created - touched, invited },
    });
  });
}
