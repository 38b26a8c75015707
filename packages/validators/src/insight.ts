import { z } from "zod";
import { STANCE_CHOICE_TEXT, STANCES } from "./domain/stances";
import { SlugSchema } from "./plan";

export const INSIGHT_SEGMENTS = ["member_type", "career_stage", "library_type", "division", "round_table"] as const;
export type InsightSegment = (typeof INSIGHT_SEGMENTS)[number];
export const INSIGHT_SEGMENT_LABELS: Record<InsightSegment, string> = {
  member_type: "Member type",
  career_stage: "Career stage",
  library_type: "Library type",
  division: "Division",
  round_table: "Round table",
};

export function isInsightSegment(value: string): value is InsightSegment {
  return (INSIGHT_SEGMENTS as readonly string[]).includes(value);
}

export const InsightSegmentSchema = z.enum(INSIGHT_SEGMENTS, {
  error: `Choose a segment: ${INSIGHT_SEGMENTS.join(", ")}`,
});

export const TONE_FILTERS = ["negative", "neutral", "positive"] as const;
export type ToneFilter = (typeof TONE_FILTERS)[number];

export const DashboardInputSchema = z.object({ segment: InsightSegmentSchema.default("member_type") });
export type DashboardInput = z.input<typeof DashboardInputSchema>;

export const ObjectiveInsightInputSchema = z.object({
  slug: SlugSchema,
  segment: InsightSegmentSchema.default("member_type"),
  segmentValue: z.string().trim().min(1, "Choose a segment value").max(200, "A segment value has at most 200 characters").optional(),
  stance: z.enum(STANCES, { error: `Stance is ${STANCE_CHOICE_TEXT}` }).optional(),
  tone: z.enum(TONE_FILTERS, { error: "Tone is negative, neutral or positive" }).optional(),
  page: z.coerce.number({ error: "Page is a number" }).int("Page is a whole number").min(1, "Pages start at 1").max(10_000, "That page is too far").default(1),
});
export type ObjectiveInsightInput = z.input<typeof ObjectiveInsightInputSchema>;

export const DASHBOARD_TABLES = ["objectives", "domains", "alerts", "weekly", "headline", "segments"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];
export const DashboardExportSchema = z.object({
  table: z.enum(DASHBOARD_TABLES, { error: `Tables you can download: ${DASHBOARD_TABLES.join(", ")}` }),
  segment: InsightSegmentSchema.default("member_type"),
});
