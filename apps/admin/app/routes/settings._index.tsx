import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { FormErrorSummary, Notice } from "@planpulse/ui";
import { DATE_FORMAT_LABELS, DATE_FORMATS, LOGO_MAX_BYTES } from "@planpulse/validators";
import { pageTitle } from "../page-title";
import { SettingsNav } from "../settings-nav";
import { badIntent, runFormAction, type FormResult } from "../workspace-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Organisation · Settings", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  return { organisation: await query(args, (caller) => caller.organisation.get()), timeZones: Intl.supportedValuesOf("timeZone") };
}

const LOGO_FORM_LIMIT = LOGO_MAX_BYTES + 64 * 1024;

async function readForm(request: Request): Promise<FormData | "too-big"> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return request.formData();
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > LOGO_FORM_LIMIT * 2) return "too-big";
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: LOGO_MAX_BYTES + 1 }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too-big";
    throw error;
  }
}

export async function action(args: ActionFunctionArgs) {
  const form = await readForm(args.request);
  const tooBig = `The logo must be at most ${LOGO_MAX_BYTES / 1024} KB`;
  if (form === "too-big") return data<FormResult>({ intent: "logo", ok: false, message: tooBig, fieldErrors: { logo: [tooBig] } }, { status: 400 });
  const intent = String(form.get("intent") ?? "");
  const value = (name: string) => String(form.get(name) ?? "");
  switch (intent) {
    case "settings":
      return runFormAction(args, form, async (c) =>
        (
          await c.organisation.update({
            name: value("name"),
            shortName: value("shortName"),
            portalTitle: value("portalTitle"),
            portalDescription: value("portalDescription"),
            contactEmail: value("contactEmail"),
            officialResponseLabel: value("officialResponseLabel"),
            timeZone: value("timeZone"),
            dateFormat: value("dateFormat") as "medium",
            accentColour: value("accentColour"),
          })
        ).changed
          ? "Settings saved. Every page shows them now."
          : "Nothing changed.",
      );
    case "logo": {
      const file = form.get("logo");
      const bytes = file && typeof file !== "string" ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
      return runFormAction(args, form, async (c) => {
        const saved = await c.organisation.setLogo({ dataBase64: bytes.toString("base64") || "" });
        return `Logo saved (${saved.type.replace("image/", "").toUpperCase()}, ${Math.ceil(saved.bytes / 1024)} KB).`;
      });
    }
    case "remove-logo":
      return runFormAction(args, form, async (c) => ((await c.organisation.removeLogo()).changed ? "Logo removed." : "There was no logo."));
    default:
      return badIntent(intent);
  }
}

type Field = { name: string; label: string; hint?: string; type?: string };
const TEXT_FIELDS: Field[] = [
  { name: "name", label: "Organisation’s name" },
  { name: "shortName", label: "Short name", hint: "An abbreviation members know, shown where space is short." },
  { name: "portalTitle", label: "Portal title", hint: "The name of the member portal, in the header and every page title." },
  { name: "portalDescription", label: "One-line description", hint: "Shown in the footer and to search engines." },
  { name: "contactEmail", label: "Contact address (optional)", type: "email", hint: "Shown in the portal's footer." },
  {
    name: "officialResponseLabel",
    label: "Official-response label",
    hint: "The badge on staff's official responses, for example “Official response from staff”.",
  },
];

export default function OrganisationSettingsPage() {
  const { organisation, timeZones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  const err = (intent: string, field: string) => (result && !result.ok && result.intent === intent ? result.fieldErrors?.[field]?.[0] : undefined);
  const banner = (intents: string[]) =>
    result && intents.includes(result.intent) ? (
      result.ok ? (
        <Notice tone="success">{result.message}</Notice>
      ) : (
        <FormErrorSummary message={result.message} />
      )
    ) : null;
  const current = organisation as unknown as Record<string, string | null>;

  return (
    <>
      <h1>Organisation settings</h1>
      <SettingsNav />
      <p className="ws-lead">
        The association&rsquo;s own name, look and conventions. Every page of the portal and the staff workspace uses them; each save is in the audit log.
      </p>

      <section className="ws-section" aria-labelledby="org-title">
        <h2 id="org-title">Name, words and dates</h2>
        {banner(["settings"])}
        <Form method="post" noValidate key={organisation.updatedAt ?? "new"}>
          <input type="hidden" name="intent" value="settings" />
          {TEXT_FIELDS.map((field) => {
            const error = err("settings", field.name);
            const describedBy = [field.hint ? `org-${field.name}-hint` : "", error ? `org-${field.name}-error` : ""].filter(Boolean).join(" ") || undefined;
            return (
              <div className={`field${error ? " field--invalid" : ""}`} key={field.name}>
                <label className="field__label" htmlFor={`org-${field.name}`}>
                  {field.label}
                </label>
                {field.hint ? (
                  <p className="field__hint" id={`org-${field.name}-hint`}>
                    {field.hint}
                  </p>
                ) : null}
                <input
                  id={`org-${field.name}`}
                  name={field.name}
                  type={field.type ?? "text"}
                  className="field__input"
                  defaultValue={current[field.name] ?? ""}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy}
                />
                {error ? (
                  <p className="field__error" id={`org-${field.name}-error`}>
                    ⚠ {error}
                  </p>
                ) : null}
              </div>
            );
          })}
          <div className={`field${err("settings", "timeZone") ? " field--invalid" : ""}`}>
            <label className="field__label" htmlFor="org-timeZone">
              Time zone
            </label>
            <select id="org-timeZone" name="timeZone" className="field__input field__input--select" defaultValue={organisation.timeZone}>
              {(timeZones.includes(organisation.timeZone) ? timeZones : [organisation.timeZone, ...timeZones]).map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
            {err("settings", "timeZone") ? <p className="field__error">⚠ {err("settings", "timeZone")}</p> : null}
          </div>
          <div className={`field${err("settings", "dateFormat") ? " field--invalid" : ""}`}>
            <label className="field__label" htmlFor="org-dateFormat">
              Date format
            </label>
            <select id="org-dateFormat" name="dateFormat" className="field__input field__input--select" defaultValue={organisation.dateFormat}>
              {DATE_FORMATS.map((format) => (
                <option key={format} value={format}>
                  {DATE_FORMAT_LABELS[format]}
                </option>
              ))}
            </select>
            {err("settings", "dateFormat") ? <p className="field__error">⚠ {err("settings", "dateFormat")}</p> : null}
          </div>
          <div className={`field${err("settings", "accentColour") ? " field--invalid" : ""}`}>
            <label className="field__label" htmlFor="org-accentColour">
              Accent colour (optional)
            </label>
            <p className="field__hint" id="org-accentColour-hint">
              For links, buttons and the focus ring, as # and six hexadecimal digits (for example #1d4ed8). It must have a contrast of at least 4.5:1 with the
              page; leave it empty for the theme&rsquo;s blue.
            </p>
            <input
              id="org-accentColour"
              name="accentColour"
              className="field__input"
              defaultValue={organisation.accentColour ?? ""}
              aria-invalid={err("settings", "accentColour") ? true : undefined}
              aria-describedby={`org-accentColour-hint${err("settings", "accentColour") ? " org-accentColour-error" : ""}`}
            />
            {err("settings", "accentColour") ? (
              <p className="field__error" id="org-accentColour-error">
                ⚠ {err("settings", "accentColour")}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={busy}>
            Save settings
          </button>
        </Form>
      </section>

      <section className="ws-section" aria-labelledby="logo-title">
        <h2 id="logo-title">Logo</h2>
        {banner(["logo", "remove-logo"])}
        {organisation.logoUrl ? (
          <p>
            <img src={organisation.logoUrl} alt={`Current logo of ${organisation.name}`} style={{ maxHeight: "64px", maxWidth: "240px" }} />
          </p>
        ) : (
          <p className="muted">No logo yet: the header shows the portal title alone.</p>
        )}
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="logo" />
          <div className={`field${err("logo", "logo") || err("logo", "dataBase64") ? " field--invalid" : ""}`}>
            <label className="field__label" htmlFor="org-logo">
              Upload a logo
            </label>
            <p className="field__hint" id="org-logo-hint">
              PNG, JPEG, GIF or WebP, at most {LOGO_MAX_BYTES / 1024} KB. Shown 32 pixels high.
            </p>
            <input
              id="org-logo"
              name="logo"
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              className="field__input"
              aria-describedby="org-logo-hint"
            />
            {err("logo", "logo") || err("logo", "dataBase64") ? <p className="field__error">⚠ {err("logo", "logo") ?? err("logo", "dataBase64")}</p> : null}
          </div>
          <button type="submit" className="button button--secondary" disabled={busy}>
            Upload logo
          </button>
        </Form>
        {organisation.logoUrl ? (
          <Form method="post">
            <input type="hidden" name="intent" value="remove-logo" />
            <button type="submit" className="button button--secondary">
              Remove the logo
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
