import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { signOutAction } from "@planpulse/remix";
import { pageTitle } from "../page-title";
import { useOrganisation } from "@planpulse/ui";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Sign out", " staff workspace") }];

export function action(args: ActionFunctionArgs) {
  return signOutAction(args);
}

/** A GET never signs anyone out (no state change on GET); it offers the button instead. */
export default function Logout() {
  return (
    <section className="card auth-card">
      <h1>Sign out</h1>
      <Form method="post">
        <button type="submit" className="button">
          Sign out of the {useOrganisation().portalTitle} staff workspace
        </button>
      </Form>
    </section>
  );
}
