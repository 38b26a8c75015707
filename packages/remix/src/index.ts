// The Remix glue both apps share: loaders and actions reach the tRPC procedures of @planpulse/api
// through query()/getCaller(); the account actions, OIDC loaders and the server entry live here so
// that api stays free of any web framework.
export { getCaller, healthResponse, logoLoader, pageShowsObjectives, query, refuseSuspendedAccount, requireAnonymous, requireUser, signInPath } from "./remix";
export {
  forgotPasswordAction,
  resetPasswordAction,
  resetPasswordLoader,
  signInAction,
  signOutAction,
  signUpAction,
  verifyEmailAction,
  verifyEmailLoader,
  type AccountActionData,
  type AuthActionData,
} from "./remix-auth";
export { afterSignOutLocation, oidcCallbackLoader, oidcStartLoader, ssoSignInOptions, type SsoProblemData, type SsoSignInOptions } from "./remix-oidc";
