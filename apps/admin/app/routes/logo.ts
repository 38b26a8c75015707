import type { LoaderFunctionArgs } from "@remix-run/node";
import { query } from "@planpulse/api";

/** The organisation's logo, as uploaded (type checked by content when stored); 404 when there is none. */
export async function loader(args: LoaderFunctionArgs) {
  const logo = await query(args, (caller) => caller.organisation.logo());
  if (!logo) return new Response("No logo", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const body = Buffer.from(logo.dataBase64, "base64");
  return new Response(body, {
    headers: {
      "content-type": logo.type,
      "content-length": String(body.length),
      "x-content-type-options": "nosniff",
      // The page links /logo?v=<upload time>, so a new upload is a new address.
      "cache-control": "public, max-age=86400",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
