import { useFetcher } from "@remix-run/react";

/**
 * Follow / Unfollow an objective: a plain form post (works without JavaScript); with JavaScript the
 * button flips at once while the post is on its way.
 */
export function FollowButton({ slug, following, signedIn }: { slug: string; following: boolean; signedIn: boolean }) {
  const fetcher = useFetcher();
  if (!signedIn) return null;
  const pending = fetcher.formData?.get("follow");
  const shown = pending === undefined || pending === null ? following : pending === "true";
  return (
    <fetcher.Form method="post" action={`/objectives/${slug}/follow`} className="follow-form">
      <input type="hidden" name="follow" value={shown ? "false" : "true"} />
      <p className="follow-form__state" role="status">
        {shown
          ? "You follow this objective: you are notified of official responses and progress updates."
          : "Follow this objective to hear about official responses and progress updates."}
      </p>
      <button type="submit" className="button button--secondary">
        {shown ? "Unfollow" : "Follow"}
        <span className="visually-hidden"> this objective</span>
      </button>
    </fetcher.Form>
  );
}
