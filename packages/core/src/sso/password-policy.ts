/**
 * Whether password sign-in is open to everyone, or (OIDC_ONLY=1) only to administrators, who must
 * stay reachable when the provider is down (break-glass). Set once at start-up, like the mailer.
 */
let adminsOnly = false;

export const PASSWORD_SIGN_IN_OFF_MESSAGE = "Password sign-in is turned off here: use your organisation's sign-in button instead.";

export function configurePasswordSignIn(options: { adminsOnly: boolean }): void {
  adminsOnly = options.adminsOnly;
}

export function passwordSignInAdminsOnly(): boolean {
  return adminsOnly;
}
