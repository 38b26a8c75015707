import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { oidcCallbackLoader } from "@planpulse/remix";
import { SsoProblemCard } from "@planpulse/ui";

export const meta: MetaFunction = () => [{ title: "Sign-in did not complete · Plan Pulse" }];

export function loader(args: LoaderFunctionArgs) {
  return oidcCallbackLoader(args);
}

/** The provider's answer: on success the loader redirects; every failure lands here, nobody signed in. */
export default function OidcCallback() {
  const { problem } = useLoaderData<typeof loader>();
  return <SsoProblemCard message={problem.message} signInHref="/login" />;
}
