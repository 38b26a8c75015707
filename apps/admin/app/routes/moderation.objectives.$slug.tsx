import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { formatWhen } from "../components/moderation-format";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Discussion · Moderation", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  const slug = args.params.slug ?? "";
  // The moderation queue is the gate: only moderators and admins read this page.
  const [page] = await query(args, (caller) => Promise.all([caller.comment.list({ objectiveSlug: slug, sort: "oldest" }), caller.moderation.settings()]));
  const objective = await query(args, (caller) => caller.objective.get({ slug }));
  return { page, objective };
}

const STATE_LABELS: Record<string, string> = {
  visible: "",
  held: "Held for review",
  hidden: "Hidden by moderators",
  removed: "Removed by its author",
};

export default function ModerationDiscussion() {
  const { page, objective } = useLoaderData<typeof loader>();
  const threads = [...page.pinned, ...page.comments];
  return (
    <>
      <p>
        <Link to="/moderation">← Back to the moderation queue</Link>
      </p>
      <h1>{objective.text}</h1>
      <p className="lede">
        The discussion as members see it, oldest first{page.objective.discussionLocked ? " · the discussion is locked" : ""}. Held and hidden comments are in
        the queue.
      </p>
      {threads.length === 0 ? <p>No comments yet.</p> : null}
      <ol className="mod-list">
        {threads.map((thread) => (
          <li key={thread.id} id={`comment-${thread.id}`}>
            <article className="mod-item">
              <div className="mod-item__main">
                <p className="mod-item__meta">
                  #{thread.id} · {thread.author?.displayName ?? "—"} {thread.kind !== "member" ? "(staff)" : ""} · {formatWhen(thread.createdAt)}{" "}
                  {STATE_LABELS[thread.state] ? <span className="mod-chip">{STATE_LABELS[thread.state]}</span> : null}
                </p>
                {thread.body !== null ? <blockquote className="mod-item__body">{thread.body}</blockquote> : null}
                {thread.replies.length > 0 ? (
                  <ul className="plain-list mod-replies">
                    {thread.replies.map((reply) => (
                      <li key={reply.id} id={`comment-${reply.id}`}>
                        <p className="mod-item__meta">
                          #{reply.id} · {reply.author?.displayName ?? "—"} {reply.kind !== "member" ? "(staff)" : ""} · {formatWhen(reply.createdAt)}{" "}
                          {STATE_LABELS[reply.state] ? <span className="mod-chip">{STATE_LABELS[reply.state]}</span> : null}
                        </p>
                        {reply.body !== null ? <blockquote className="mod-item__body">{reply.body}</blockquote> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}
