import type { DB, Kysely, OrganisationSettingsRow } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { LOGO_MAX_BYTES, type DateFormat, type OrganisationSettingsSchema, type z } from "@planpulse/validators";
import { AppError } from "../errors";
import type { Actor } from "../progress/domain-scope";

export type OrganisationSettings = {
  name: string;
  shortName: string;
  portalTitle: string;
  portalDescription: string;
  contactEmail: string;
  officialResponseLabel: string;
  timeZone: string;
  dateFormat: DateFormat;
  /** "#rrggbb", or null for the theme's own blue. */
  accentColour: string | null;
  /** Where the logo is served, with a version so a new upload is fetched at once; null = no logo. */
  logoUrl: string | null;
  updatedAt: string | null;
};

/** Before an admin (or the seed) says otherwise: names nobody, so nothing looks like a real association. */
export const DEFAULT_ORGANISATION: OrganisationSettings = {
  name: "Your association",
  shortName: "Association",
  portalTitle: "Plan Pulse",
  portalDescription: "A member feedback portal for the strategic plan",
  contactEmail: "",
  officialResponseLabel: "Official response from staff",
  timeZone: "UTC",
  dateFormat: "medium",
  accentColour: null,
  logoUrl: null,
  updatedAt: null,
};

/** Every page reads the settings: keep them in memory, re-read at most every CACHE_MS (other processes' saves). */
const CACHE_MS = 30_000;
const cache = new WeakMap<object, { value: OrganisationSettings; at: number }>();

function view(row: Omit<OrganisationSettingsRow, "logo"> | undefined): OrganisationSettings {
  if (!row) return DEFAULT_ORGANISATION;
  return {
    name: row.name,
    shortName: row.short_name,
    portalTitle: row.portal_title,
    portalDescription: row.portal_description,
    contactEmail: row.contact_email,
    officialResponseLabel: row.official_response_label,
    timeZone: row.time_zone,
    dateFormat: row.date_format as DateFormat,
    accentColour: row.accent_colour,
    logoUrl: row.logo_type && row.logo_updated_at ? `/logo?v=${row.logo_updated_at.getTime()}` : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

const COLUMNS = [
  "id",
  "name",
  "short_name",
  "portal_title",
  "portal_description",
  "contact_email",
  "official_response_label",
  "time_zone",
  "date_format",
  "accent_colour",
  "logo_type",
  "logo_updated_at",
  "updated_at",
] as const;

export async function getOrganisationSettings(db: Kysely<DB>, now = Date.now()): Promise<OrganisationSettings> {
  const hit = cache.get(db);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const row = await db.selectFrom("organisation_settings").select(COLUMNS).where("id", "=", 1).executeTakeFirst();
  const value = view(row);
  cache.set(db, { value, at: now });
  return value;
}

export function forgetOrganisationSettings(db: Kysely<DB>): void {
  cache.delete(db);
}

const fieldsOf = (input: z.output<typeof OrganisationSettingsSchema>) => ({
  name: input.name,
  short_name: input.shortName,
  portal_title: input.portalTitle,
  portal_description: input.portalDescription,
  contact_email: input.contactEmail,
  official_response_label: input.officialResponseLabel,
  time_zone: input.timeZone,
  date_format: input.dateFormat,
  accent_colour: input.accentColour === "" ? null : input.accentColour,
});

/** Saves the settings (audited with what changed); every page shows them from the next request. */
export async function updateOrganisationSettings(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof OrganisationSettingsSchema>,
): Promise<{ changed: boolean }> {
  const fields = fieldsOf(input);
  const changed = await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("organisation_settings").select(COLUMNS).where("id", "=", 1).forUpdate().executeTakeFirst();
    const was: Record<string, unknown> = before ? { ...before } : {};
    const diff = Object.entries(fields).filter(([key, value]) => was[key] !== value);
    if (before && diff.length === 0) return false;
    await trx
      .insertInto("organisation_settings")
      .values({ id: 1, ...fields })
      .onConflict((oc) => oc.column("id").doUpdateSet({ ...fields, updated_at: new Date() }))
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: "organisation.update",
      targetType: "organisation",
      targetId: 1,
      before: Object.fromEntries(diff.map(([key]) => [key, was[key] ?? null])),
      after: Object.fromEntries(diff),
    });
    return true;
  });
  forgetOrganisationSettings(db);
  return { changed };
}

/** The image type from the file's first bytes (never its name or the browser's word for it). */
export function sniffImageType(bytes: Uint8Array): "image/png" | "image/jpeg" | "image/gif" | "image/webp" | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "image/webp";
  return null;
}

const LOGO_ERROR = (message: string) => new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { logo: [message] } });

/** Stores a new logo: at most LOGO_MAX_BYTES, and a PNG, JPEG, GIF or WebP by its content. */
export async function setOrganisationLogo(db: Kysely<DB>, actor: Actor, dataBase64: string): Promise<{ type: string; bytes: number }> {
  const bytes = Buffer.from(dataBase64, "base64");
  if (bytes.length === 0) throw LOGO_ERROR("Choose an image file");
  if (bytes.length > LOGO_MAX_BYTES) throw LOGO_ERROR(`The logo must be at most ${LOGO_MAX_BYTES / 1024} KB; this one is ${Math.ceil(bytes.length / 1024)} KB`);
  const type = sniffImageType(bytes);
  if (!type) throw LOGO_ERROR("The logo must be a PNG, JPEG, GIF or WebP image (SVG and other files are refused)");
  await db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom("organisation_settings").select("id").where("id", "=", 1).forUpdate().executeTakeFirst();
    if (!exists) {
      await trx
        .insertInto("organisation_settings")
        .values({ id: 1, ...fieldsOf({ ...DEFAULT_ORGANISATION, accentColour: "", dateFormat: "medium" }) })
        .execute();
    }
    await trx
      .updateTable("organisation_settings")
      .set({ logo: bytes, logo_type: type, logo_updated_at: new Date(), updated_at: new Date() })
      .where("id", "=", 1)
      .execute();
    await appendAudit(trx, { actorId: actor.id, action: "organisation.logo", targetType: "organisation", targetId: 1, after: { type, bytes: bytes.length } });
  });
  forgetOrganisationSettings(db);
  return { type, bytes: bytes.length };
}

export async function removeOrganisationLogo(db: Kysely<DB>, actor: Actor): Promise<{ changed: boolean }> {
  const changed = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("organisation_settings")
      .set({ logo: null, logo_type: null, logo_updated_at: null, updated_at: new Date() })
      .where("id", "=", 1)
      .where("logo_type", "is not", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await appendAudit(trx, { actorId: actor.id, action: "organisation.logo_remove", targetType: "organisation", targetId: 1 });
    return true;
  });
  forgetOrganisationSettings(db);
  return { changed };
}

/** The stored logo for serving, or null. */
export async function getOrganisationLogo(db: Kysely<DB>): Promise<{ type: string; dataBase64: string; updatedAt: string } | null> {
  const row = await db.selectFrom("organisation_settings").select(["logo", "logo_type", "logo_updated_at"]).where("id", "=", 1).executeTakeFirst();
  if (!row?.logo || !row.logo_type || !row.logo_updated_at) return null;
  return { type: row.logo_type, dataBase64: Buffer.from(row.logo).toString("base64"), updatedAt: row.logo_updated_at.toISOString() };
}

export type OrganisationSeed = Omit<OrganisationSettings, "logoUrl" | "updatedAt">;

/** The seed set's organisation, only when none is stored yet (never over an admin's settings). */
export async function seedOrganisationIfNone(db: Kysely<DB>, seed: OrganisationSeed): Promise<boolean> {
  const inserted = await db
    .insertInto("organisation_settings")
    .values({ id: 1, ...fieldsOf({ ...seed, accentColour: seed.accentColour ?? "" }) })
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  forgetOrganisationSettings(db);
  return inserted !== undefined;
}
