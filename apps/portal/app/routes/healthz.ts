import type { LoaderFunctionArgs } from "@remix-run/node";
import { healthResponse } from "@planpulse/remix";

export function loader({ context }: LoaderFunctionArgs) {
  return healthResponse(context);
}
