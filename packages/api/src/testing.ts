import { createSession, generateSessionToken, SESSION_COOKIE_NAME, insertUser } from "@planpulse/auth";
import type { Database, Role, User } from "@planpulse/db";
import { TRPCError } from "@trpc/server";
import { createApiContext } from "./context";
import { createCaller } from "./root";

let counter = 0;

/** Makes a user with a unique email (factories make unique data). */
/** Verified by default (as demo and invited accounts are); `verified: false` makes a member who has not confirmed the address. */
export async function makeUser(
  database: Database,
  overrides: { role?: Role; suspended?: boolean; displayName?: string; verified?: boolean } = {},
): Promise<User> {
  counter += 1;
  const user = await insertUser(database.db, {
    email: `user-${Date.now().toString(36)}-${counter}@example.org`,
    display_name: overrides.displayName ?? `Test User ${counter}`,
    password_hash: null,
    role: overrides.role ?? "member",
    suspended_at: overrides.suspended ? new Date() : null,
    email_verified_at: overrides.verified === false ? null : new Date(),
  });
  if (!user) throw new Error("could not create the test user");
  return user;
}

export type TestCaller = ReturnType<typeof createCaller>;

/**
 * A caller that goes through the real request path: a session row, a cookie header, and the same
 * context creation the apps use.
 */
export async function callerAs(database: Database, user: User | null, options: { ip?: string } = {}): Promise<TestCaller> {
  return (await callerWithCookies(database, user, options)).caller;
}

/** Like callerAs, plus the Set-Cookie values the procedures produced. */
export async function callerWithCookies(
  database: Database,
  user: User | null,
  options: { ip?: string } = {},
): Promise<{ caller: TestCaller; cookies: string[] }> {
  const headers = new Headers();
  if (user) {
    const token = generateSessionToken();
    await createSession(database.db, token, user.id);
    headers.set("cookie", `${SESSION_COOKIE_NAME}=${token}`);
  }
  const cookies: string[] = [];
  const context = await createApiContext(
    { database, clientIp: options.ip ?? "203.0.113.7", secureCookies: false, setCookie: (cookie) => cookies.push(cookie) },
    new Request("http://localhost:3000/", { headers }),
  );
  return { caller: createCaller(context), cookies };
}

/** The TRPCError a call rejects with; throws when the call succeeds (so a test expecting a denial can fail). */
export async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}
