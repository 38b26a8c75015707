import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState, type MouseEvent } from "react";
import { CommentBodyForm } from "./comment-body-form";
import { CommentItem } from "./comment-item";
import type { DiscussionActionData } from "./discussion-action.server";
import type { CommentPage, ThreadCommentView } from "./types";

export type DiscussionViewer = { displayName: string; suspended: boolean } | null;

const SORTS = [
  ["newest", "Newest"],
  ["oldest", "Oldest"],
  ["most_replied", "Most replied"],
] as const;

type Props = {
  page: CommentPage;
  viewer: DiscussionViewer;
  result: DiscussionActionData | null | undefined;
  /** True on a later page reached without JavaScript. */
  isLaterPage: boolean;
  justFlagged: number | null;
  expand: number | null;
};

function pageHref(slug: string, params: Record<string, string | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return `/objectives/${slug}${query ? `?${query}` : ""}`;
}

export function Discussion({ page, viewer, result, isLaterPage, justFlagged, expand }: Props) {
  const slug = page.objective.slug;
  const sortParam = page.sort === "newest" ? null : page.sort;
  // With JavaScript, "Show more" appends the next page here instead of navigating.
  const [more, setMore] = useState<{ comments: ThreadCommentView[]; nextCursor: string | null }>({ comments: [], nextCursor: page.nextCursor });
  const fetcher = useFetcher<{ page: CommentPage }>();
  useEffect(() => setMore({ comments: [], nextCursor: page.nextCursor }), [page]);
  useEffect(() => {
    const next = fetcher.data?.page;
    if (fetcher.state !== "idle" || !next) return;
    setMore((current) => {
      const known = new Set([...page.comments, ...current.comments].map((c) => c.id));
      return { comments: [...current.comments, ...next.comments.filter((c) => !known.has(c.id))], nextCursor: next.nextCursor };
    });
  }, [fetcher.data, fetcher.state, page.comments]);

  const nextHref = more.nextCursor ? pageHref(slug, { sort: sortParam, cursor: more.nextCursor }) : null;
  const showMore = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!more.nextCursor) return;
    event.preventDefault();
    // ?index makes the fetch reach this index route's loader rather than the objective layout's.
    fetcher.load(`${pageHref(slug, { sort: sortParam, cursor: more.nextCursor })}&index`);
  };
  const comments = [...page.comments, ...more.comments];
  const signInHref = `/login?redirectTo=${encodeURIComponent(`/objectives/${slug}`)}`;

  return (
    <section className="discussion" aria-labelledby="discussion-heading">
      <h2 id="discussion-heading">Discussion</h2>
      {page.pinned.length > 0 ? (
        <div className="discussion__pinned" role="region" aria-label="Official responses">
          {page.pinned.map((comment) => (
            <Thread
              key={comment.id}
              comment={comment}
              slug={slug}
              result={result}
              justFlagged={justFlagged}
              expand={expand}
              sortParam={sortParam}
              variant="official"
            />
          ))}
        </div>
      ) : null}
      {page.objective.archivedCycle !== null ? (
        <p className="notice notice--info">This discussion belongs to “{page.objective.archivedCycle}”, an archived plan cycle: it stays here to read.</p>
      ) : !viewer ? (
        <p className="discussion__join">
          <Link to={signInHref}>Sign in to join the discussion</Link> · new here?{" "}
          <Link to={`/signup?redirectTo=${encodeURIComponent(`/objectives/${slug}`)}`}>Create an account</Link>
        </p>
      ) : viewer.suspended ? (
        <p className="notice notice--info">Your account is suspended: you can read the discussion but not take part.</p>
      ) : page.objective.discussionLocked ? (
        <p className="notice notice--info">This discussion is closed to new comments.</p>
      ) : isLaterPage ? null : (
        <div className="discussion__new card">
          <CommentBodyForm intent="create" label="Add a comment" submitLabel="Post comment" stance={{ current: page.myStance }} result={result} />
        </div>
      )}
      <nav className="discussion__sorts" aria-label="Sort comments">
        <span className="discussion__sorts-label">Sort:</span>
        {SORTS.map(([value, label]) => (
          <Link
            key={value}
            to={pageHref(slug, { sort: value === "newest" ? null : value })}
            aria-current={page.sort === value ? "true" : undefined}
            preventScrollReset
          >
            {label}
          </Link>
        ))}
      </nav>
      {isLaterPage ? (
        <p className="discussion__paging">
          <Link to={pageHref(slug, { sort: sortParam })}>Back to the first comments</Link>
        </p>
      ) : null}
      {page.focused && !comments.some((comment) => comment.id === page.focused!.id) ? (
        <div className="discussion__focused" role="region" aria-label="The comment you followed a link to">
          <p className="discussion__focused-label">The comment you followed a link to</p>
          <Thread comment={page.focused} slug={slug} result={result} justFlagged={justFlagged} expand={page.focused.id} sortParam={sortParam} />
        </div>
      ) : null}
      {comments.length === 0 ? (
        <p className="discussion__empty">No comments yet. {viewer ? "Start the discussion above." : ""}</p>
      ) : (
        <ol className="discussion__list">
          {comments.map((comment) => (
            <li key={comment.id}>
              <Thread comment={comment} slug={slug} result={result} justFlagged={justFlagged} expand={expand} sortParam={sortParam} />
            </li>
          ))}
        </ol>
      )}
      {nextHref ? (
        <p className="discussion__more">
          <a href={nextHref} onClick={showMore} className="button button--secondary" aria-busy={fetcher.state !== "idle" ? true : undefined}>
            {fetcher.state !== "idle" ? "Loading…" : "Show more comments"}
          </a>
        </p>
      ) : null}
    </section>
  );
}

function Thread({
  comment,
  slug,
  result,
  justFlagged,
  expand,
  sortParam,
  variant = "comment",
}: {
  comment: ThreadCommentView;
  slug: string;
  result: DiscussionActionData | null | undefined;
  justFlagged: number | null;
  expand: number | null;
  sortParam: string | null;
  variant?: "comment" | "official";
}) {
  const hiddenReplies = comment.replyCount - comment.replies.length;
  return (
    <CommentItem comment={comment} objectiveSlug={slug} result={result} justFlagged={justFlagged === comment.id} variant={variant}>
      {comment.replies.length > 0 ? (
        <ol className="comment__replies" aria-label={`Replies to ${comment.author?.displayName ?? "this comment"}`}>
          {comment.replies.map((reply) => (
            <li key={reply.id}>
              <CommentItem comment={reply} objectiveSlug={slug} result={result} justFlagged={justFlagged === reply.id} variant="reply" />
            </li>
          ))}
        </ol>
      ) : null}
      {hiddenReplies > 0 && expand !== comment.id ? (
        <p className="comment__all-replies">
          <Link to={`${pageHref(slug, { sort: sortParam, replies: String(comment.id) })}#comment-${comment.id}`} preventScrollReset>
            Show all {comment.replyCount} replies
          </Link>
        </p>
      ) : null}
    </CommentItem>
  );
}
