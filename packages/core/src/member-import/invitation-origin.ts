/**
 * Where import invitations point (decision 021). Set once at start-up from the environment (the
 * host's env module, or the command's), like the mailer: PORTAL_ORIGIN, the two apps' ports, and the
 * SSO button's label when OIDC is set up.
 */
export type InvitationSettings = {
  portalOrigin?: string | undefined;
  portalPort?: number | string | undefined;
  adminPort?: number | string | undefined;
  ssoLabel?: string | null | undefined;
};

let settings: InvitationSettings = {};

export function configureMemberInvitations(options: InvitationSettings): void {
  settings = { ...options };
}

/**
 * The portal's address for invitation links: PORTAL_ORIGIN when set; otherwise, from the admin
 * app's own address, the same host on the portal's port when the admin app runs on its own port
 * (as `pnpm start` serves them). Null when neither is known (the command without PORTAL_ORIGIN).
 */
export function invitationPortalOrigin(adminOrigin: string | null, options: InvitationSettings = settings): string | null {
  if (options.portalOrigin) return options.portalOrigin.replace(/\/$/, "");
  if (!adminOrigin) return null;
  const url = new URL(adminOrigin);
  if (url.port === String(options.adminPort ?? 3001)) url.port = String(options.portalPort ?? 3000);
  return url.origin;
}

/** The SSO button's label when sign-in with the association's account is set up, else null. */
export function invitationSsoLabel(options: InvitationSettings = settings): string | null {
  return options.ssoLabel?.trim() || null;
}
