import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { oidcStartLoader } from "@planpulse/remix";
import { SsoProblemCard } from "@planpulse/ui";

export const meta: MetaFunction = () => [{ title: "Sign-in did not complete · Plan Pulse" }];

export function loader(args: LoaderFunctionArgs) {
  return oidcStartLoader(args);
}

/** Shown only when the provider cannot be reached; otherwise the loader redirects to it. */
export default function OidcStart() {
  const { problem } = useLoaderData<typeof loader>();
  return <SsoProblemCard message={problem.message} signInHref="/login" />;
}
