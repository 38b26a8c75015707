import { data, redirect } from "@remix-run/node";
import { RedirectToSchema } from "@planpulse/validators";
import { OIDC_CALLBACK_PATH, OIDC_START_PATH, OidcProblem, type PlanPulseLoadContext } from "@planpulse/api";

type Args = { request: Request; context: PlanPulseLoadContext };

export type SsoSignInOptions = { label: string; href: string; passwordForAdminsOnly: boolean } | null;
export type SsoProblemData = { problem: { kind: string; message: string } };

function appOrigin(args: Args): string {
  return (args.context.oidc?.origin ?? new URL(args.request.url).origin).replace(/\/$/, "");
}

/** For the sign-in pages: the SSO button (when configured) and whether passwords are for admins only. */
export function ssoSignInOptions(args: Args, redirectTo: string): SsoSignInOptions {
  const oidc = args.context.oidc;
  if (!oidc) return null;
  return {
    label: oidc.client.buttonLabel,
    href: `${OIDC_START_PATH}?redirectTo=${encodeURIComponent(RedirectToSchema.parse(redirectTo))}`,
    passwordForAdminsOnly: oidc.client.settings.oidcOnly,
  };
}

function problemResponse(error: unknown) {
  if (error instanceof OidcProblem) {
    return data<SsoProblemData>(
      { problem: { kind: error.kind, message: error.userMessage } },
      { status: error.status, headers: { "Cache-Control": "no-store" } },
    );
  }
  throw error;
}

/** GET /auth/oidc/start: off to the provider, or a page saying why not. */
export async function oidcStartLoader(args: Args) {
  const oidc = args.context.oidc;
  if (!oidc) throw new Response("There is no page at this address.", { status: 404, statusText: "Not Found" });
  const redirectTo = RedirectToSchema.parse(new URL(args.request.url).searchParams.get("redirectTo") ?? "/");
  try {
    const { location, setCookie } = await oidc.client.start({
      callbackUrl: `${appOrigin(args)}${OIDC_CALLBACK_PATH}`,
      redirectTo,
      secure: args.context.planPulse.secureCookies,
    });
    args.context.planPulse.setCookie(setCookie);
    return redirect(location, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return problemResponse(error);
  }
}

/** GET /auth/oidc/callback: signs the member in and goes where they were headed, or explains what went wrong. */
export async function oidcCallbackLoader(args: Args) {
  const oidc = args.context.oidc;
  if (!oidc) throw new Response("There is no page at this address.", { status: 404, statusText: "Not Found" });
  const env = args.context.planPulse;
  try {
    const { redirectTo } = await oidc.client.finish({ request: args.request, database: env.database, secure: env.secureCookies, setCookie: env.setCookie });
    return redirect(redirectTo, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return problemResponse(error);
  }
}

/** After the local sign-out: where the browser goes next (the provider's end-session page when it has one). */
export async function afterSignOutLocation(args: Args): Promise<string> {
  const oidc = args.context.oidc;
  if (!oidc) return "/";
  const env = args.context.planPulse;
  const url = await oidc.client.endSessionUrl({
    request: args.request,
    postLogoutRedirectUri: `${appOrigin(args)}/`,
    secure: env.secureCookies,
    setCookie: env.setCookie,
  });
  return url ?? "/";
}
