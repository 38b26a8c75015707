import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { signOutAction } from "@planpulse/api";

export const meta: MetaFunction = () => [{ title: "Sign out · Plan Pulse Admin" }];

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
          Sign out of Plan Pulse Admin
        </button>
      </Form>
    </section>
  );
}
