import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { ObjectiveStatus, PlanCycleStatus, Role } from "@planpulse/validators/domain";
import type { EngagementTables } from "./schema-engagement";
import type { CommentsTables } from "./schema-comments";
import type { ModerationTables } from "./schema-moderation";
import type { WorkspaceTables } from "./schema-workspace";
import type { InsightTables } from "./schema-insight";
import type { SegmentTables } from "./schema-segments";
import type { OrganisationTables } from "./schema-organisation";
import type { MailTables } from "./schema-mail";
import type { LiveTables } from "./events";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export { ROLES } from "@planpulse/validators/domain";
export type { Role };

export type { ObjectiveStatus };

/** A plan cycle (migration 0080): one is active; archived ones are read-only and stay browsable. */
export interface PlanCyclesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  status: ColumnType<PlanCycleStatus, PlanCycleStatus | undefined, PlanCycleStatus>;
  started_at: Generated<Date>;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
}

export interface PlansTable {
  id: Generated<number>;
  /** The cycle this plan text belongs to (migration 0080). */
  cycle_id: number;
  slug: string;
  title: string;
  intro: ColumnType<string, string | undefined, string>;
  mission: string;
  vision: string;
  values: Json<string[]>;
  version: ColumnType<number, number | undefined, number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DomainsTable {
  id: Generated<number>;
  plan_id: number;
  slug: string;
  name: string;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  goal_statement: string;
  position: number;
  /** Retired from the current plan (migration 0080): hidden from lists, history kept. */
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ObjectivesTable {
  id: Generated<number>;
  domain_id: number;
  slug: string;
  position: number;
  text: string;
  is_urgent: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<ObjectiveStatus, ObjectiveStatus | undefined, ObjectiveStatus>;
  percent_complete: ColumnType<number, number | undefined, number>;
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The objective of an earlier cycle this one continues, where an admin linked them (migration 0080). */
  carried_from_objective_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Moderation (migration 0005): a locked discussion takes no new comments. */
  discussion_locked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  discussion_locked_by: ColumnType<number | null, number | null | undefined, number | null>;
  /** Responses (migration 0005): when staff first answered anything on this objective. */
  first_staff_response_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: ColumnType<Role, Role | undefined, Role>;
  suspended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Set when the member deleted their account (the row is anonymised, never removed). */
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the email was proven to belong to the account holder (migration 0040; the mail helper adds it too). */
  email_verified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The association's own member id, from SSO claims or a member import (migration 0040). */
  member_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** An IANA time zone for digests (migration 0060); null = the organisation's. */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * The @handle (migration 0065): lower case, unique, null only once the account is deleted. Left
   * out of an insert, the database makes one from the display name.
   */
  handle: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  /** Hex SHA-256 of the token held in the cookie; the token itself is never stored. */
  id: string;
  user_id: number;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  reason: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  created_at: Generated<Date>;
}

/** Growing delays for sign-in and sign-up, one row per hashed key (migration 0015). */
export interface AttemptThrottlesTable {
  key: string;
  failures: Generated<number>;
  next_allowed_at: Generated<Date>;
  last_at: Generated<Date>;
}

/** Tables of the foundation; each later area adds its own interface in schema-<area>.ts and extends DB with it. */
export interface FoundationTables {
  plan_cycles: PlanCyclesTable;
  plans: PlansTable;
  domains: DomainsTable;
  objectives: ObjectivesTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  attempt_throttles: AttemptThrottlesTable;
}

/** A sign-in identity at an OpenID provider, linked to one account (migration 0040). */
export interface UserIdentitiesTable {
  id: Generated<number>;
  user_id: number;
  issuer: string;
  subject: string;
  created_at: Generated<Date>;
  last_sign_in_at: Generated<Date>;
}

export const MEMBER_IMPORT_STATUSES = ["checked", "applying", "applied", "failed"] as const;
export type MemberImportStatus = (typeof MEMBER_IMPORT_STATUSES)[number];

/** A checked member CSV and, once applied, its outcome (migration 0041). */
export interface MemberImportsTable {
  id: Generated<number>;
  created_by: number | null;
  file_name: string;
  sha256: string;
  /** The file, until it has been applied; then null (only the counts stay). */
  content: string | null;
  row_count: number;
  status: ColumnType<MemberImportStatus, MemberImportStatus | undefined, MemberImportStatus>;
  done_rows: ColumnType<number, number | undefined, number>;
  created_count: ColumnType<number, number | undefined, number>;
  updated_count: ColumnType<number, number | undefined, number>;
  unchanged_count: ColumnType<number, number | undefined, number>;
  /** Invite the members this import creates (migration 0066), and how many invitations were queued. */
  invite: ColumnType<boolean, boolean | undefined, boolean>;
  invited_count: ColumnType<number, number | undefined, number>;
  error: string | null;
  created_at: Generated<Date>;
  applied_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SsoTables {
  user_identities: UserIdentitiesTable;
  member_imports: MemberImportsTable;
}

export interface DB
  extends
    FoundationTables,
    SsoTables,
    CommentsTables,
    EngagementTables,
    ModerationTables,
    WorkspaceTables,
    InsightTables,
    SegmentTables,
    OrganisationTables,
    MailTables,
    LiveTables {}

export type PlanCycle = Selectable<PlanCyclesTable>;
export type Plan = Selectable<PlansTable>;
export type NewPlan = Insertable<PlansTable>;
export type PlanUpdate = Updateable<PlansTable>;
export type Domain = Selectable<DomainsTable>;
export type NewDomain = Insertable<DomainsTable>;
export type DomainUpdate = Updateable<DomainsTable>;
export type Objective = Selectable<ObjectivesTable>;
export type NewObjective = Insertable<ObjectivesTable>;
export type ObjectiveUpdate = Updateable<ObjectivesTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
