import { z } from "zod";
import { text as storableText } from "./text";

// The organisation's own settings (issue #11). Browser-safe: the admin form and the procedure share
// these, contrast included.

export const DATE_FORMATS = ["medium", "long", "day-month", "iso"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  medium: "Dec 1, 2026",
  long: "December 1, 2026",
  "day-month": "1 December 2026",
  iso: "2026-12-01",
};

/** The theme's page backgrounds an accent colour must stand out from (links, buttons, focus rings). */
export const THEME_BACKGROUNDS = ["#ffffff", "#f6f7f9"] as const;
export const MIN_ACCENT_CONTRAST = 4.5;
export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;

function channel(hex: string, offset: number) {
  const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of "#rrggbb". */
export function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const text = (what: string, max: number) =>
  storableText({ error: `Write the ${what}` })
    .trim()
    .min(1, `Write the ${what}`)
    .max(max, `Use at most ${max} characters`);

export const AccentColourSchema = storableText()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, "Write the colour as # and six hexadecimal digits, for example #1d4ed8")
  .superRefine((colour, ctx) => {
    const worst = Math.min(...THEME_BACKGROUNDS.map((background) => contrastRatio(colour, background)));
    if (worst < MIN_ACCENT_CONTRAST) {
      ctx.addIssue({
        code: "custom",
        message: `This colour has a contrast of ${worst.toFixed(1)}:1 with the page; links and buttons need at least ${MIN_ACCENT_CONTRAST}:1. Choose a darker shade.`,
      });
    }
  });

export const OrganisationSettingsSchema = z.object({
  name: text("organisation's name", 200),
  shortName: text("short name", 40),
  portalTitle: text("portal's title", 80),
  portalDescription: text("one-line description", 200),
  contactEmail: z.union([z.literal(""), storableText().trim().max(254, "Use at most 254 characters").email("Write an email address, or leave it empty")]),
  officialResponseLabel: text("official-response label", 80),
  timeZone: storableText().trim().refine(isTimeZone, "Choose a time zone from the list (for example Europe/London)"),
  dateFormat: z.enum(DATE_FORMATS, { error: "Choose a date format from the list" }),
  /** Empty: the theme's own blue. */
  accentColour: z.union([z.literal(""), AccentColourSchema]),
});
export type OrganisationSettingsInput = z.input<typeof OrganisationSettingsSchema>;

/** A logo upload travels as base64 (at most LOGO_MAX_BYTES once decoded); its type is read from its bytes. */
export const LogoUploadSchema = z.object({
  dataBase64: storableText({ error: "Choose an image file" })
    .min(1, "Choose an image file")
    .max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 8, `The logo must be at most ${LOGO_MAX_BYTES / 1024} KB`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "That file could not be read"),
});
