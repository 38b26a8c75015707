import type { User } from "@planpulse/db";
import { insertUser } from "@planpulse/auth";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { OrganisationSettingsSchema, LOGO_MAX_BYTES } from "@planpulse/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_ORGANISATION,
  getOrganisationLogo,
  getOrganisationSettings,
  removeOrganisationLogo,
  seedOrganisationIfNone,
  setOrganisationLogo,
  sniffImageType,
  updateOrganisationSettings,
} from "./organisation-settings";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d0b3a80000000049454e44ae426082",
  "hex",
);

const valid = {
  name: "Coastal Rangers Guild",
  shortName: "CRG",
  portalTitle: "Guild Voice",
  portalDescription: "Members shape the Guild's plan",
  contactEmail: "plan@example.org",
  officialResponseLabel: "Official response from the Guild",
  timeZone: "Europe/Lisbon",
  dateFormat: "day-month",
  accentColour: "#0F5132",
};

describe("organisation settings input", () => {
  it("refuses a colour that fails contrast, an unknown time zone and a bad email with field errors", () => {
    const result = OrganisationSettingsSchema.safeParse({ ...valid, accentColour: "#ffcc00", timeZone: "Mars/Olympus", contactEmail: "not an email" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((issue) => issue.path.join("."));
    expect(fields.sort()).toEqual(["accentColour", "contactEmail", "timeZone"]);
    expect(result.error!.issues.find((i) => i.path[0] === "accentColour")!.message).toMatch(/contrast of 1\.\d:1/);
    expect(OrganisationSettingsSchema.parse(valid).accentColour).toBe("#0f5132");
  });

  it("reads the image type from the bytes, not the name", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffImageType(Buffer.from("GIF89a......"))).toBe("image/gif");
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
  });
});

describe.each(testDrivers())("organisation settings on %s", (driver) => {
  let database: TestDatabase;
  let admin: User;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    admin = (await insertUser(database.db, { email: `org-admin-${Date.now()}@example.org`, display_name: "Ada", password_hash: null, role: "admin" }))!;
  }, 120_000);
  afterAll(() => database.dispose());

  it("starts neutral, takes the seed once, and never over an admin's save", async () => {
    expect(await getOrganisationSettings(database.db)).toEqual(DEFAULT_ORGANISATION);
    expect(await seedOrganisationIfNone(database.db, { ...DEFAULT_ORGANISATION, name: "Seeded" })).toBe(true);
    expect((await getOrganisationSettings(database.db)).name).toBe("Seeded");
    await updateOrganisationSettings(database.db, admin, OrganisationSettingsSchema.parse(valid));
    expect(await seedOrganisationIfNone(database.db, { ...DEFAULT_ORGANISATION, name: "Seeded again" })).toBe(false);
    const settings = await getOrganisationSettings(database.db);
    expect(settings).toMatchObject({
      name: "Coastal Rangers Guild",
      portalTitle: "Guild Voice",
      accentColour: "#0f5132",
      timeZone: "Europe/Lisbon",
      dateFormat: "day-month",
    });
    const audit = await database.db.selectFrom("audit_log").selectAll().where("action", "=", "organisation.update").executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(admin.id);
    expect(audit.after).toMatchObject({ name: "Coastal Rangers Guild" });
    expect(audit.before).toMatchObject({ name: "Seeded" });
    expect((await updateOrganisationSettings(database.db, admin, OrganisationSettingsSchema.parse(valid))).changed).toBe(false);
  });

  it("serves the cached settings without a query until a save invalidates them", async () => {
    const first = await getOrganisationSettings(database.db);
    // A change behind the cache's back (another process) is not seen within the cache's lifetime…
    await database.db.updateTable("organisation_settings").set({ short_name: "Behind" }).where("id", "=", 1).execute();
    expect((await getOrganisationSettings(database.db)).shortName).toBe(first.shortName);
    // …and is after it.
    expect((await getOrganisationSettings(database.db, Date.now() + 60_000)).shortName).toBe("Behind");
    await updateOrganisationSettings(database.db, admin, OrganisationSettingsSchema.parse({ ...valid, shortName: "Guild" }));
    expect((await getOrganisationSettings(database.db)).shortName).toBe("Guild");
  });

  it("stores a real image, refuses an oversized or non-image file with a field error, and removes it", async () => {
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: { code: string; fieldErrors?: Record<string, string[]> }) => error,
      );
    const svg = await failure(setOrganisationLogo(database.db, admin, Buffer.from("<svg onload='alert(1)'/>").toString("base64")));
    expect(svg?.fieldErrors?.logo?.[0]).toMatch(/PNG, JPEG, GIF or WebP/);
    const huge = Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)]);
    expect((await failure(setOrganisationLogo(database.db, admin, huge.toString("base64"))))?.fieldErrors?.logo?.[0]).toMatch(/at most 256 KB/);
    expect(await getOrganisationLogo(database.db)).toBeNull();
    expect((await getOrganisationSettings(database.db)).logoUrl).toBeNull();

    await setOrganisationLogo(database.db, admin, PNG.toString("base64"));
    const logo = await getOrganisationLogo(database.db);
    expect(logo?.type).toBe("image/png");
    expect(Buffer.from(logo!.dataBase64, "base64").equals(PNG)).toBe(true);
    expect((await getOrganisationSettings(database.db)).logoUrl).toMatch(/^\/logo\?v=\d+$/);
    expect((await removeOrganisationLogo(database.db, admin)).changed).toBe(true);
    expect(await getOrganisationLogo(database.db)).toBeNull();
    const actions = (await database.db.selectFrom("audit_log").select("action").where("target_type", "=", "organisation").execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["organisation.logo", "organisation.logo_remove"]));
  });
});
