import type { LoaderFunctionArgs } from "@remix-run/node";
import { healthResponse } from "@planpulse/api";

export function loader({ context }: LoaderFunctionArgs) {
  return healthResponse(context);
}
