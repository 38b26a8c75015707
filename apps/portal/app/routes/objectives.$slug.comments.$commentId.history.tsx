import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { Markdown } from "@planpulse/ui";
import { CommentDate } from "../components/discussion/comment-item";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Comment history") }];

export async function loader(args: LoaderFunctionArgs) {
  const commentId = args.params.commentId ?? "";
  if (!/^\d{1,9}$/.test(commentId)) throw new Response("There is no comment at this address.", { status: 404, statusText: "Not Found" });
  const history = await query(args, (caller) => caller.comment.history({ commentId: Number(commentId) }));
  if (history.objectiveSlug !== args.params.slug) throw new Response("There is no comment at this address.", { status: 404, statusText: "Not Found" });
  return { history };
}

export default function CommentHistoryPage() {
  const { history } = useLoaderData<typeof loader>();
  return (
    <section className="discussion comment-history" aria-labelledby="history-heading">
      <p>
        <Link to={`/objectives/${history.objectiveSlug}#comment-${history.commentId}`}>← Back to the discussion</Link>
      </p>
      <h2 id="history-heading">History of a comment by {history.authorName ?? "a member"}</h2>
      <p className="field__hint">
        {history.revisions.length === 0
          ? "This comment has not been edited."
          : `Edited ${history.revisions.length} ${history.revisions.length === 1 ? "time" : "times"}. Newest first.`}
      </p>
      <ol className="revision-list">
        <li className="revision">
          <h3 className="revision__title">
            Current text
            {history.current.editedAt ? (
              <>
                {" "}
                · since <CommentDate iso={history.current.editedAt} />
              </>
            ) : null}
          </h3>
          <Markdown source={history.current.body} className="markdown comment__body" />
        </li>
        {history.revisions.map((revision, index) => (
          <li key={revision.id} className="revision">
            <h3 className="revision__title">
              {index === history.revisions.length - 1 ? "Original text" : "Earlier text"} · replaced <CommentDate iso={revision.replacedAt} />
            </h3>
            <Markdown source={revision.body} className="markdown comment__body" />
          </li>
        ))}
      </ol>
    </section>
  );
}
