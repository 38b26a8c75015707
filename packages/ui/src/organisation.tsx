import { createContext, useContext, type ReactNode } from "react";

/** What every page needs of the organisation's settings (a subset of core's OrganisationSettings). */
export type OrganisationLook = {
  name: string;
  shortName: string;
  portalTitle: string;
  portalDescription: string;
  contactEmail: string;
  officialResponseLabel: string;
  timeZone: string;
  dateFormat: string;
  accentColour: string | null;
  logoUrl: string | null;
};

const FALLBACK: OrganisationLook = {
  name: "Your association",
  shortName: "Association",
  portalTitle: "Plan Pulse",
  portalDescription: "",
  contactEmail: "",
  officialResponseLabel: "Official response from staff",
  timeZone: "UTC",
  dateFormat: "medium",
  accentColour: null,
  logoUrl: null,
};

const OrganisationContext = createContext<OrganisationLook>(FALLBACK);

export function OrganisationProvider({ value, children }: { value: OrganisationLook | null | undefined; children: ReactNode }) {
  return <OrganisationContext.Provider value={value ?? FALLBACK}>{children}</OrganisationContext.Provider>;
}

export function useOrganisation(): OrganisationLook {
  return useContext(OrganisationContext);
}

const DATE_OPTIONS: Record<string, Intl.DateTimeFormatOptions> = {
  medium: { dateStyle: "medium" },
  long: { dateStyle: "long" },
  "day-month": { day: "numeric", month: "long", year: "numeric" },
  iso: { year: "numeric", month: "2-digit", day: "2-digit" },
};

/**
 * Building an Intl.DateTimeFormat costs far more than formatting with one (a thread of 20 comments with
 * replies built 60 per page, 12 % of the objective page's server CPU; decision 026): one per date
 * format and zone (keyed "mediumUTC"), one per zone for the clock (keyed "UTC").
 */
const formatters: Record<string, Intl.DateTimeFormat> = {};

/**
 * Formats an instant in the organisation's time zone and date format; `time` adds the time of day
 * and the zone's short name. The same text on the server and in the browser (fixed locale and zone).
 */
export function formatOrganisationDate(iso: string | Date, look: Pick<OrganisationLook, "timeZone" | "dateFormat">, time = false): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return "";
  const day = (formatters[look.dateFormat + look.timeZone] ??= new Intl.DateTimeFormat(
    look.dateFormat === "day-month" ? "en-GB" : look.dateFormat === "iso" ? "en-CA" : "en-US",
    {
      ...(DATE_OPTIONS[look.dateFormat] ?? DATE_OPTIONS.medium),
      timeZone: look.timeZone,
    },
  )).format(date);
  if (!time) return day;
  const clock = (formatters[look.timeZone] ??= new Intl.DateTimeFormat("en-US", {
    hour: "numeric",
    minute: "2-digit",
    timeZone: look.timeZone,
    timeZoneName: "short",
  })).format(date);
  return `${day}, ${clock}`;
}

/** The organisation's date formatter for this page. */
export function useFormatDate(): (iso: string | Date, options?: { time?: boolean }) => string {
  const look = useOrganisation();
  return (iso, options) => formatOrganisationDate(iso, look, options?.time ?? false);
}

/** A darker shade for hover states: each channel scaled towards black. */
function darken(hex: string, factor: number): string {
  const channels = [1, 3, 5].map((offset) => Math.round(Number.parseInt(hex.slice(offset, offset + 2), 16) * factor));
  return `#${channels.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

/** The accent colour as CSS custom properties (links, primary buttons, focus ring); nothing when unset. */
export function AccentStyle() {
  const { accentColour } = useOrganisation();
  if (!accentColour || !/^#[0-9a-f]{6}$/.test(accentColour)) return null;
  return <style>{`:root{--blue:${accentColour};--focus:${accentColour};--blue-dark:${darken(accentColour, 0.7)}}`}</style>;
}

/** A <time> in the organisation's time zone and date format. */
export function OrgDate({ iso, time = false }: { iso: string; time?: boolean }) {
  const formatDate = useFormatDate();
  return <time dateTime={iso}>{formatDate(iso, { time })}</time>;
}
