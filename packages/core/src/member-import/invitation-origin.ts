/**
 * The portal's address for links in import invitations: PORTAL_ORIGIN when set; otherwise, from the
 * admin app's own address, the same host on the portal's port (PORT, default 3000) when the admin
 * app runs on ADMIN_PORT (default 3001), as `pnpm start` does.
 */
export function invitationPortalOrigin(adminOrigin: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PORTAL_ORIGIN) return env.PORTAL_ORIGIN.replace(/\/$/, "");
  if (!adminOrigin) return null;
  const url = new URL(adminOrigin);
  const adminPort = env.ADMIN_PORT ?? "3001";
  if (url.port === adminPort) url.port = env.PORT ?? env.PORTAL_PORT ?? "3000";
  return url.origin;
}

/** The SSO button's label when sign-in with the association's account is set up, else null. */
export function invitationSsoLabel(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!env.OIDC_ISSUER) return null;
  return env.OIDC_BUTTON_LABEL?.trim() || "Sign in with your organisation's account";
}
