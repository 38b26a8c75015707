import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { forgotPasswordAction } from "@planpulse/remix";
import { ForgotPasswordForm } from "@planpulse/ui";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · Plan Pulse staff workspace" }];

export function action(args: ActionFunctionArgs) {
  return forgotPasswordAction(args);
}

export default function ForgotPassword() {
  return <ForgotPasswordForm result={useActionData<typeof action>()} />;
}
