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
};
