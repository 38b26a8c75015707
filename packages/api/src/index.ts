export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./root";
export { callerFor, contextFor, handleTrpcRequest, toHttpProblem, type Caller, type HttpProblem } from "./server";
export type { ApiContext, RequestEnvironment } from "./context";
export { getCaller, healthResponse, query, refuseSuspendedAccount, requireAnonymous, requireUser, signInPath, type PlanPulseLoadContext } from "./remix";
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
export { isServiceUnavailable, markServiceUnavailable, RETRY_AFTER_SECONDS, serviceUnavailableJson, serviceUnavailablePage, wasServiceUnavailable } from "./unavailable";
export { OidcClient, OidcProblem, OIDC_CALLBACK_PATH, OIDC_START_PATH, type OidcSettings } from "./oidc";
export { afterSignOutLocation, oidcCallbackLoader, oidcStartLoader, ssoSignInOptions, type OidcAppContext, type SsoProblemData, type SsoSignInOptions } from "./remix-oidc";
