import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { resetPasswordAction, resetPasswordLoader } from "@planpulse/remix";
import { ResetPasswordForm } from "@planpulse/ui";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Plan Pulse staff workspace" }, { name: "referrer", content: "same-origin" }];

export function loader(args: LoaderFunctionArgs) {
  return resetPasswordLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return resetPasswordAction(args);
}

export default function ResetPassword() {
  const { token, problem } = useLoaderData<typeof loader>();
  return <ResetPasswordForm token={token} problem={problem} result={useActionData<typeof action>()} />;
}
