import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { Role } from "./schema";

type Json<T> = ColumnType<T, string, string>;
/** A calendar date ("YYYY-MM-DD"); queries select it as text so no time zone can shift it. */
type CalendarDate = ColumnType<string, string, string>;

export interface StaffDomainAssignmentsTable {
  user_id: number;
  domain_id: number;
  created_at: Generated<Date>;
}

export interface MilestonesTable {
  id: Generated<number>;
  objective_id: number;
  title: string;
  due_date: CalendarDate | null;
  done: ColumnType<boolean, boolean | undefined, boolean>;
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProgressUpdatesTable {
  id: Generated<number>;
  objective_id: number;
  author_id: number | null;
  body: string;
  /** Status and percent when the update was posted, so later readers see the context. */
  status: string;
  percent_complete: number;
  created_at: Generated<Date>;
}

export interface ObjectiveProgressHistoryTable {
  id: Generated<number>;
  objective_id: number;
  actor_id: number | null;
  before: Json<unknown>;
  after: Json<unknown>;
  created_at: Generated<Date>;
}

export interface PlanVersionsTable {
  id: Generated<number>;
  plan_id: number;
  version: number;
  summary: string;
  snapshot: Json<unknown>;
  actor_id: number | null;
  created_at: Generated<Date>;
}

export interface InvitationsTable {
  id: Generated<number>;
  email: string;
  role: Role;
  /** Hex SHA-256 of the emailed token; the token itself is never stored. */
  token_hash: string;
  invited_by: number | null;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  accepted_user_id: number | null;
  created_at: Generated<Date>;
}

export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body: string;
  /** "outbox" when no mail server is configured, "smtp" when it was handed to one. */
  transport: string;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  error: string | null;
  created_at: Generated<Date>;
  /** Mail queue (migration 0030): one row per message, unique per idempotency key. */
  idempotency_key: string | null;
  kind: ColumnType<string, string | undefined, string>;
  user_id: number | null;
  html: string | null;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** queued: waiting for the worker; sent: a mail server accepted it; kept: no mail server, left here; dead: gave up. */
export type OutboxStatus = "queued" | "sent" | "kept" | "dead";

export interface WorkspaceTables {
  staff_domain_assignments: StaffDomainAssignmentsTable;
  milestones: MilestonesTable;
  progress_updates: ProgressUpdatesTable;
  objective_progress_history: ObjectiveProgressHistoryTable;
  plan_versions: PlanVersionsTable;
  invitations: InvitationsTable;
  outbox: OutboxTable;
}

export type Milestone = Selectable<MilestonesTable>;
export type ProgressUpdate = Selectable<ProgressUpdatesTable>;
export type NewProgressUpdate = Insertable<ProgressUpdatesTable>;
export type PlanVersion = Selectable<PlanVersionsTable>;
export type Invitation = Selectable<InvitationsTable>;
export type OutboxMessage = Selectable<OutboxTable>;
