import type { Migration } from "kysely";
import * as m0001 from "./2026_11_28_0001_foundation";
import * as m0002 from "./2026_11_28_0002_engagement";
import * as m0003 from "./2026_11_28_0003_comments";
import * as m0004 from "./2026_11_28_0004_workspace";
import * as m0005 from "./2026_11_28_0005_moderation";
import * as m0006 from "./2026_11_28_0006_insight";
import * as m0007 from "./2026_11_28_0007_objective_counters";
import * as m0008 from "./2026_11_28_0008_insight_incremental";
import * as m0009 from "./2026_11_29_0009_official_responses_index";
import * as m0010 from "./2026_11_29_0010_user_role_counts";
import * as m0050 from "./2026_12_01_0050_member_comment_counts";
import * as m0015 from "./2026_12_01_0015_attempt_throttles";
import * as m0016 from "./2026_12_01_0016_audit_truncate_and_outbox_tokens";
import * as m0020 from "./2026_12_01_0020_profile_questions";
import * as m0021 from "./2026_12_01_0021_organisation_settings";
import * as m0040 from "./2026_12_01_0040_sso_identities";
import * as m0041 from "./2026_12_01_0041_member_imports";
import * as m0030 from "./2026_12_01_0030_mail_queue";
import * as m0031 from "./2026_12_01_0031_account_tokens";
import * as m0075 from "./2026_12_01_0075_live_events";
import * as m0060 from "./2026_12_01_0060_notification_mail";
import * as m0065 from "./2026_12_01_0065_handles_and_mentions";
import * as m0066 from "./2026_12_01_0066_member_import_invitations";
import * as m0080 from "./2026_12_01_0080_plan_cycles";
import * as m0085 from "./2026_12_01_0085_plan_priority_members";

/** Every migration, keyed by its frozen name; the Migrator runs them in name order. */
export const migrations: Record<string, Migration> = {
  "2026_11_28_0001_foundation": m0001,
  "2026_11_28_0002_engagement": m0002,
  "2026_11_28_0003_comments": m0003,
  "2026_11_28_0004_workspace": m0004,
  "2026_11_28_0005_moderation": m0005,
  "2026_11_28_0006_insight": m0006,
  "2026_11_28_0007_objective_counters": m0007,
  "2026_11_28_0008_insight_incremental": m0008,
  "2026_11_29_0009_official_responses_index": m0009,
  "2026_11_29_0010_user_role_counts": m0010,
  "2026_12_01_0050_member_comment_counts": m0050,
  "2026_12_01_0015_attempt_throttles": m0015,
  "2026_12_01_0016_audit_truncate_and_outbox_tokens": m0016,
  "2026_12_01_0020_profile_questions": m0020,
  "2026_12_01_0021_organisation_settings": m0021,
  "2026_12_01_0040_sso_identities": m0040,
  "2026_12_01_0041_member_imports": m0041,
  "2026_12_01_0030_mail_queue": m0030,
  "2026_12_01_0031_account_tokens": m0031,
  "2026_12_01_0075_live_events": m0075,
  "2026_12_01_0060_notification_mail": m0060,
  "2026_12_01_0065_handles_and_mentions": m0065,
  "2026_12_01_0066_member_import_invitations": m0066,
  "2026_12_01_0080_plan_cycles": m0080,
  "2026_12_01_0085_plan_priority_members": m0085,
};
