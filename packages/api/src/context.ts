import { readSessionToken, serializeSessionCookie, validateSessionToken } from "@planpulse/auth";
import type { Database, Session, User } from "@planpulse/db";
import type { OidcClient } from "./oidc";

/** What the host gives every request: the database and a way to set cookies on the response. */
export type RequestEnvironment = {
  database: Database;
  clientIp: string;
  secureCookies: boolean;
  setCookie: (cookie: string) => void;
};

/** What the host puts in the load context when OIDC_ISSUER is set: the shared client and this app's configured origin. */
export type OidcAppContext = { client: OidcClient; origin: string | null };

/**
 * Which objectives' member activity (votes, stances, comments, progress) a page shows, besides
 * site-wide content (the plan, organisation settings, priority shares): loaders that know add their
 * objectives; a page where none did may show anything. The visitors' cache keeps a page across writes
 * to other objectives by it (decision 026).
 */
export type PageScope = { objectiveIds: Set<number> | null };

/**
 * What the host puts in every request's load context (Remix's, through @planpulse/remix).
 * `cspNonce` is this response's Content-Security-Policy nonce: entry.server puts it on every inline script.
 */
export type PlanPulseLoadContext = { planPulse: RequestEnvironment; cspNonce?: string; benchControl?: boolean; oidc?: OidcAppContext; pageScope?: PageScope };

export type ApiContext = RequestEnvironment & {
  db: Database["db"];
  request: Request;
  session: Session | null;
  user: User | null;
};

export async function createApiContext(env: RequestEnvironment, request: Request): Promise<ApiContext> {
  const token = readSessionToken(request.headers.get("cookie"), { secure: env.secureCookies });
  const auth = token ? await validateSessionToken(env.database.db, token) : null;
  if (token && auth?.renewed) {
    env.setCookie(serializeSessionCookie(token, auth.session.expires_at, { secure: env.secureCookies }));
  }
  return { ...env, db: env.database.db, request, session: auth?.session ?? null, user: auth?.user ?? null };
}
