import { z } from "zod";
import { STANCE_CHOICE_TEXT, STANCES } from "./domain/stances";
import { text } from "./text";
import { SlugSchema } from "./plan";
import { QuestionKeySchema } from "./segments";

/** A profile question's key; which ones leadership may choose is data (profile_questions.breakdown). */
export const InsightSegmentSchema = QuestionKeySchema;
export type InsightSegment = string;

export const TONE_FILTERS = ["negative", "neutral", "positive"] as const;
export type ToneFilter = (typeof TONE_FILTERS)[number];

export const DashboardInputSchema = z.object({ segment: InsightSegmentSchema.optional() });
export type DashboardInput = z.input<typeof DashboardInputSchema>;

export const ObjectiveInsightInputSchema = z.object({
  slug: SlugSchema,
  segment: InsightSegmentSchema.optional(),
  segmentValue: text().trim().min(1, "Choose a segment value").max(200, "A segment value has at most 200 characters").optional(),
  stance: z.enum(STANCES, { error: `Stance is ${STANCE_CHOICE_TEXT}` }).optional(),
  tone: z.enum(TONE_FILTERS, { error: "Tone is negative, neutral or positive" }).optional(),
  page: z.coerce.number({ error: "Page is a number" }).int("Page is a whole number").min(1, "Pages start at 1").max(10_000, "That page is too far").default(1),
});
export type ObjectiveInsightInput = z.input<typeof ObjectiveInsightInputSchema>;

export const DASHBOARD_TABLES = ["objectives", "domains", "alerts", "weekly", "headline", "segments"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];
export const DashboardExportSchema = z.object({
  table: z.enum(DASHBOARD_TABLES, { error: `Tables you can download: ${DASHBOARD_TABLES.join(", ")}` }),
  segment: InsightSegmentSchema.optional(),
});
