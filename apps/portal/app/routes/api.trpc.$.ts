import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleTrpcRequest } from "@planpulse/api";

export function loader({ request, context }: LoaderFunctionArgs) {
  return handleTrpcRequest(context, context.planPulse, request);
}

export function action({ request, context }: ActionFunctionArgs) {
  return handleTrpcRequest(context, context.planPulse, request);
}
