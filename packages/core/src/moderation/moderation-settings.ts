import type { DB, Kysely } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { findModerationSettings, saveModerationSettings } from "./queries";
import type { ModerationSettingsInput } from "@planpulse/validators";
import { AppError } from "../errors";
import type { Moderator } from "./moderate-comments";

export type ModerationSettingsView = { holdFirstPosts: boolean; watchWords: string[]; updatedAt: string | null };

export async function getModerationSettings(db: Kysely<DB>): Promise<ModerationSettingsView> {
  const settings = await findModerationSettings(db);
  return {
    holdFirstPosts: settings.hold_first_posts,
    watchWords: settings.watch_words,
    updatedAt: settings.updated_by ? settings.updated_at.toISOString() : null,
  };
}

/** Moderators edit the word list; only an administrator turns "hold first posts" on or off. */
export async function updateModerationSettings(db: Kysely<DB>, moderator: Moderator, input: ModerationSettingsInput): Promise<ModerationSettingsView> {
  const watchWords = [...new Set(input.watchWords.map((w) => w.trim().toLowerCase().replace(/\s+/g, " ")))];
  await db.transaction().execute(async (trx) => {
    const before = await findModerationSettings(trx);
    if (before.hold_first_posts !== input.holdFirstPosts && moderator.role !== "admin") {
      throw new AppError("FORBIDDEN", {
        userMessage: "Only an administrator can change whether first posts are held.",
        fieldErrors: { holdFirstPosts: ["Only an administrator can change this setting."] },
      });
    }
    await saveModerationSettings(trx, { holdFirstPosts: input.holdFirstPosts, watchWords, updatedBy: moderator.id });
    await appendAudit(trx, {
      actorId: moderator.id,
      action: "moderation.settings_update",
      targetType: "moderation_settings",
      targetId: 1,
      before: { holdFirstPosts: before.hold_first_posts, watchWords: before.watch_words },
      after: { holdFirstPosts: input.holdFirstPosts, watchWords },
    });
  });
  return getModerationSettings(db);
}
