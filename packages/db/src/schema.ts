import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { ObjectiveStatus } from "@planpulse/validators/domain";
import type { EngagementTables } from "./schema-engagement";
import type { CommentsTables } from "./schema-comments";
import type { ModerationTables } from "./schema-moderation";
import type { WorkspaceTables } from "./schema-workspace";
import type { InsightTables } from "./schema-insight";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export const ROLES = ["member", "moderator", "staff", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type { ObjectiveStatus };

export interface PlansTable {
  id: Generated<number>;
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

export interface MemberProfilesTable {
  user_id: number;
  member_type: string | null;
  career_stage: string | null;
  library_type: string | null;
  divisions: ColumnType<string[], string[] | undefined, string[]>;
  round_tables: ColumnType<string[], string[] | undefined, string[]>;
  state: string | null;
  updated_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<string>;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  reason: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  created_at: Generated<Date>;
}

export interface AuthAttemptsTable {
  id: Generated<string>;
  key: string;
  created_at: Generated<Date>;
}

/** Tables of the foundation; each later area adds its own interface in schema-<area>.ts and extends DB with it. */
export interface FoundationTables {
  plans: PlansTable;
  domains: DomainsTable;
  objectives: ObjectivesTable;
  users: UsersTable;
  sessions: SessionsTable;
  member_profiles: MemberProfilesTable;
  audit_log: AuditLogTable;
  auth_attempts: AuthAttemptsTable;
}

export interface DB extends FoundationTables, CommentsTables, EngagementTables, ModerationTables, WorkspaceTables, InsightTables {}

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
export type MemberProfile = Selectable<MemberProfilesTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
