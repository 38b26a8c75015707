import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { pageTitle } from "../page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data ? `${data.displayName} (@${data.handle})` : "Member") },
];

/** Where an @mention links: who the handle belongs to. Suspended, deleted and unknown handles are the same 404. */
export async function loader(args: LoaderFunctionArgs) {
  return query(args, (caller) => caller.comment.memberByHandle({ handle: args.params.handle ?? "" }));
}

export default function MemberCard() {
  const member = useLoaderData<typeof loader>();
  return (
    <section className="card section" aria-labelledby="member-name">
      <h1 id="member-name">{member.displayName}</h1>
      <p className="lede">
        @{member.handle}
        {member.isStaff ? " · association staff" : " · member"}
      </p>
      <p>
        Members mention each other in comments by writing @ and the handle; the person mentioned is told. <Link to="/">Back to the plan</Link>
      </p>
    </section>
  );
}
