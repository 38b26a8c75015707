export const SESSION_COOKIE_NAME = "planpulse_session";

/**
 * The session cookie's name where cookies are Secure (production): the `__Host-` prefix makes the
 * browser refuse it unless it is Secure, has Path=/ and no Domain, so neither a sibling subdomain
 * nor a plain-http response can plant or overwrite it. Both apps on one host name still share it
 * (cookies are not port-specific; decision 004).
 */
export const SECURE_SESSION_COOKIE_NAME = `__Host-${SESSION_COOKIE_NAME}`;

export function sessionCookieName(options: { secure: boolean }): string {
  return options.secure ? SECURE_SESSION_COOKIE_NAME : SESSION_COOKIE_NAME;
}

export function serializeSessionCookie(token: string, expiresAt: Date, options: { secure: boolean }): string {
  const parts = [`${sessionCookieName(options)}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

export function serializeBlankSessionCookie(options: { secure: boolean }): string {
  const parts = [`${sessionCookieName(options)}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** The session token from a Cookie header: only under the name this deployment issues (see above). */
export function readSessionToken(cookieHeader: string | null | undefined, options: { secure: boolean } = { secure: false }): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName(options);
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index === -1) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      return value.length > 0 ? value : null;
    }
  }
  return null;
}

/** True when a Cookie header carries a session cookie of either name (a signed-in person, probably). */
export function hasSessionCookie(cookieHeader: string | null | undefined): boolean {
  return readSessionToken(cookieHeader, { secure: false }) !== null || readSessionToken(cookieHeader, { secure: true }) !== null;
}
