export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./root";
export { callerFor, contextFor, handleTrpcRequest, toHttpProblem, type Caller, type HttpProblem } from "./server";
// Framework-free: the Remix glue (loaders' query(), auth actions, entry.server) is @planpulse/remix.
export type { ApiContext, OidcAppContext, PageScope, PlanPulseLoadContext, RequestEnvironment } from "./context";
export { SUSPENDED_MESSAGE } from "./trpc";
export {
  isServiceUnavailable,
  markServiceUnavailable,
  RETRY_AFTER_SECONDS,
  serviceUnavailableJson,
  serviceUnavailablePage,
  wasServiceUnavailable,
} from "./unavailable";
export { OidcClient, OidcProblem, OIDC_CALLBACK_PATH, OIDC_START_PATH, type OidcSettings } from "./oidc";
