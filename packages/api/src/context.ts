import { readSessionToken, serializeSessionCookie, validateSessionToken } from "@planpulse/auth";
import type { Database, Session, User } from "@planpulse/db";

/** What the host gives every request: the database and a way to set cookies on the response. */
export type RequestEnvironment = {
  database: Database;
  clientIp: string;
  secureCookies: boolean;
  setCookie: (cookie: string) => void;
};

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
