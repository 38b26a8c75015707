import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getCaller, pageShowsObjectives, query } from "@planpulse/remix";
import { Discussion } from "../components/discussion/discussion";
import { discussionAction } from "../components/discussion/discussion-action.server";

const SORTS = new Set(["newest", "oldest", "most_replied"]);
const ID = /^\d{1,9}$/;

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const slug = args.params.slug ?? "";
  const sortParam = url.searchParams.get("sort") ?? "newest";
  const sort = (SORTS.has(sortParam) ? sortParam : "newest") as "newest";
  // A malformed cursor or replies id from a hand-edited URL just means the first page.
  const cursorParam = url.searchParams.get("cursor");
  const cursor = cursorParam && ID.test(cursorParam) ? cursorParam : undefined;
  const repliesParam = url.searchParams.get("replies");
  const expand = repliesParam && ID.test(repliesParam) ? Number(repliesParam) : undefined;
  const flaggedParam = url.searchParams.get("flagged");
  const focusParam = url.searchParams.get("comment");
  const focus = focusParam && ID.test(focusParam) ? Number(focusParam) : undefined;
  const [page, me] = await query(args, (caller) => Promise.all([caller.comment.list({ objectiveSlug: slug, sort, cursor, expand, focus }), caller.me.get()]));
  pageShowsObjectives(args, [page.objective.id]);
  return {
    page,
    viewer: me ? { displayName: me.displayName, suspended: me.suspended } : null,
    isLaterPage: cursor !== undefined,
    justFlagged: flaggedParam && ID.test(flaggedParam) ? Number(flaggedParam) : null,
    expand: expand ?? null,
  };
}

export async function action(args: ActionFunctionArgs) {
  // Touch the caller first so a stale session is refreshed the same way loaders do it.
  await getCaller(args);
  return discussionAction(args);
}

export default function ObjectiveDiscussion() {
  const { page, viewer, isLaterPage, justFlagged, expand } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <Discussion page={page} viewer={viewer} result={result} isLaterPage={isLaterPage} justFlagged={justFlagged} expand={expand} />;
}
