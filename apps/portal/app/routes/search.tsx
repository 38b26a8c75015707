import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { SearchSchema } from "@planpulse/validators";
import { CommentDate } from "../components/discussion/comment-item";
import type { HighlightSegment } from "../components/discussion/types";
import { pageTitle } from "../page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data?.q ? pageTitle(matches, `“${data.q.slice(0, 60)}” · Search`) : pageTitle(matches, "Search") },
];

export async function loader(args: LoaderFunctionArgs) {
  const q = new URL(args.request.url).searchParams.get("q");
  if (q === null) return { q: "", error: null, results: null };
  const parsed = SearchSchema.safeParse({ q });
  // Bad queries get a message on the page, never an error page.
  if (!parsed.success) return { q: q.slice(0, 300), error: parsed.error.issues[0]?.message ?? "Type a word or phrase to search for", results: null };
  const results = await query(args, (caller) => caller.search.plan(parsed.data));
  return { q: parsed.data.q, error: null, results };
}

function Highlight({ segments }: { segments: HighlightSegment[] }) {
  return <>{segments.map((segment, index) => (segment.mark ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}</>;
}

function summary(objectives: number, comments: number): string {
  const parts = [];
  if (objectives > 0) parts.push(`${objectives} ${objectives === 1 ? "objective" : "objectives"}`);
  if (comments > 0) parts.push(`${comments} ${comments === 1 ? "comment" : "comments"}`);
  return parts.join(" and ");
}

export default function SearchPage() {
  const { q, error, results } = useLoaderData<typeof loader>();
  return (
    <section className="search-page" aria-labelledby="search-heading">
      <h1 id="search-heading">Search the plan and the discussion</h1>
      <Form method="get" role="search" className="search-form">
        <div className={`field${error ? " field--invalid" : ""}`}>
          <label htmlFor="search-q" className="field__label">
            Words or a "quoted phrase"
          </label>
          <div className="search-form__row">
            <input
              id="search-q"
              name="q"
              type="search"
              className="field__input"
              defaultValue={q}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "search-q-error" : undefined}
            />
            <button type="submit" className="button">
              Search
            </button>
          </div>
          {error ? (
            <p id="search-q-error" className="field__error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {error}
            </p>
          ) : null}
        </div>
      </Form>
      {results ? (
        results.total === 0 ? (
          <p className="search-page__none" role="status">
            Nothing matches “{results.query}”. Try fewer or different words.
          </p>
        ) : (
          <>
            <p role="status" className="search-page__summary">
              {summary(results.objectives.length, results.total - results.objectives.length)} match “{results.query}”.
            </p>
            {results.objectives.length > 0 ? (
              <section aria-labelledby="search-objectives">
                <h2 id="search-objectives">Objectives</h2>
                <ol className="search-results">
                  {results.objectives.map((objective) => (
                    <li key={objective.slug} className="search-result">
                      <p className="search-result__meta">
                        {objective.domainName} · Objective {objective.position}
                      </p>
                      <Link to={`/objectives/${objective.slug}`} className="search-result__link">
                        <Highlight segments={objective.highlight} />
                      </Link>
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
            {results.commentGroups.length > 0 ? (
              <section aria-labelledby="search-comments">
                <h2 id="search-comments">Comments</h2>
                {results.commentGroups.map((group) => (
                  <section key={group.objective.slug} className="search-group">
                    <h3 className="search-group__title">
                      <Link to={`/objectives/${group.objective.slug}`}>{group.objective.text}</Link>
                    </h3>
                    <ol className="search-results">
                      {group.comments.map((comment) => (
                        <li key={comment.id} className="search-result">
                          <p className="search-result__meta">
                            {comment.isStaff ? <span className="staff-badge">Staff</span> : null} {comment.authorName ?? "A member"} ·{" "}
                            <CommentDate iso={comment.createdAt} />
                          </p>
                          <Link to={`/objectives/${group.objective.slug}?comment=${comment.id}#comment-${comment.id}`} className="search-result__link">
                            <Highlight segments={comment.highlight} />
                          </Link>
                        </li>
                      ))}
                    </ol>
                  </section>
                ))}
              </section>
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
}
