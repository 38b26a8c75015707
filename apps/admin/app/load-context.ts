import type { PlanPulseLoadContext } from "@planpulse/api";

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends PlanPulseLoadContext {}
}
