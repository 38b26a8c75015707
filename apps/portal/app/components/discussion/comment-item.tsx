import { Form, Link } from "@remix-run/react";
import { FormErrorSummary, Markdown } from "@planpulse/ui";
import type { CommentView } from "./types";
import type { ReactNode } from "react";
import { CommentBodyForm } from "./comment-body-form";
import type { DiscussionActionData } from "./discussion-action.server";
import { StanceChip } from "./stance-chip";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function CommentDate({ iso }: { iso: string }) {
  return <time dateTime={iso}>{dateFormat.format(new Date(iso))}</time>;
}

const FLAG_REASONS = [
  ["spam", "Spam or advertising"],
  ["abuse", "Abusive or hateful"],
  ["off_topic", "Off-topic"],
  ["other", "Something else (tell us what)"],
] as const;

type Props = {
  comment: CommentView;
  objectiveSlug: string;
  result: DiscussionActionData | null | undefined;
  /** Just flagged (from ?flagged=): a short confirmation. */
  justFlagged?: boolean;
  children?: ReactNode;
  variant?: "comment" | "reply" | "official";
};

function Byline({ comment, variant }: { comment: CommentView; variant: Props["variant"] }) {
  if (comment.state === "removed") return <p className="comment__placeholder">This comment was removed by its author.</p>;
  if (comment.state === "hidden" && !comment.isMine) return <p className="comment__placeholder">This comment was hidden by moderators.</p>;
  return (
    <p className="comment__byline">
      {variant === "official" ? (
        <span className="staff-badge staff-badge--official">Official response from ALA staff</span>
      ) : comment.author?.isStaff ? (
        <span className="staff-badge">Staff</span>
      ) : null}
      <span className="comment__author">{comment.author?.displayName ?? "A member"}</span>
      {comment.isMine ? <span className="comment__you">(you)</span> : null}
      <span className="comment__date">
        <CommentDate iso={comment.createdAt} />
      </span>
      {comment.stance ? <StanceChip stance={comment.stance} /> : null}
    </p>
  );
}

export function CommentItem({ comment, objectiveSlug, result, justFlagged, children, variant = "comment" }: Props) {
  const readable = comment.body !== null;
  const mine = result && result.targetId === comment.id ? result : null;
  return (
    <article
      id={`comment-${comment.id}`}
      className={`comment comment--${variant} comment--${comment.state}${readable ? "" : " comment--placeholder"}`}
      tabIndex={-1}
    >
      <Byline comment={comment} variant={variant} />
      {comment.state === "held" && comment.isMine ? (
        <p className="comment__status">
          <span aria-hidden="true">◷ </span>Awaiting review: only you can see this until a moderator approves it.
        </p>
      ) : null}
      {comment.state === "hidden" && comment.isMine ? (
        <p className="comment__status comment__status--hidden">
          <span aria-hidden="true">⊘ </span>Hidden by moderators{comment.hiddenReason ? `: ${comment.hiddenReason.replace(/[.!?]?\s*$/, ".")}` : "."} Only you can see the text.
        </p>
      ) : null}
      {readable ? <Markdown source={comment.body!} className="markdown comment__body" /> : null}
      {readable && comment.editedAt ? (
        <p className="comment__edited">
          Edited <CommentDate iso={comment.editedAt} /> ·{" "}
          <Link to={`/objectives/${objectiveSlug}/comments/${comment.id}/history`}>
            view history<span className="visually-hidden"> of this comment</span>
          </Link>
        </p>
      ) : null}
      {justFlagged || (mine?.intent === "flag" && mine.formError === "You already flagged this comment") ? (
        <p className="notice notice--success comment__notice" role="status">
          {justFlagged ? "Thank you: the moderators will take a look." : "You already flagged this comment"}
        </p>
      ) : null}
      <div className="comment__actions">
        {comment.canReply ? (
          <details className="comment__action" open={mine?.intent === "reply" ? true : undefined}>
            <summary>
              Reply<span className="visually-hidden"> to {comment.author?.displayName ?? "this comment"}</span>
            </summary>
            <CommentBodyForm intent="reply" targetId={comment.id} label="Your reply" submitLabel="Post reply" result={result} />
          </details>
        ) : null}
        {comment.canEdit ? (
          <details className="comment__action" open={mine?.intent === "edit" ? true : undefined} key={`edit-${comment.editedAt ?? ""}`}>
            <summary>Edit</summary>
            <CommentBodyForm intent="edit" targetId={comment.id} label="Edit your comment" submitLabel="Save changes" defaultBody={comment.body ?? ""} result={result} />
          </details>
        ) : null}
        {comment.canDelete ? (
          <details className="comment__action" open={mine?.intent === "delete" ? true : undefined}>
            <summary>Delete</summary>
            <Form method="post" className="comment-form">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="commentId" value={comment.id} />
              <FormErrorSummary message={mine?.intent === "delete" ? mine.formError : null} />
              <p>Delete this comment? It will show as removed by its author.</p>
              <button type="submit" className="button button--danger">
                Yes, delete it
              </button>
            </Form>
          </details>
        ) : null}
        {comment.canFlag ? <FlagForm comment={comment} result={mine?.intent === "flag" ? mine : null} /> : null}
        {comment.flaggedByMe && !justFlagged ? <span className="comment__flagged">You flagged this</span> : null}
      </div>
      {children}
    </article>
  );
}

function FlagForm({ comment, result }: { comment: CommentView; result: DiscussionActionData | null }) {
  const noteError = result?.fieldErrors?.note?.[0];
  const reasonError = result?.fieldErrors?.reason?.[0];
  const base = `flag-${comment.id}`;
  return (
    <details className="comment__action" open={result ? true : undefined}>
      <summary>
        Flag<span className="visually-hidden"> this comment for moderators</span>
      </summary>
      <Form method="post" className="comment-form">
        <input type="hidden" name="intent" value="flag" />
        <input type="hidden" name="commentId" value={comment.id} />
        <FormErrorSummary message={result && !result.fieldErrors ? result.formError : null} />
        <fieldset className={`flag-reasons${reasonError ? " field--invalid" : ""}`}>
          <legend className="field__label">What is wrong with this comment?</legend>
          {FLAG_REASONS.map(([value, label]) => (
            <label key={value} className="flag-reasons__option">
              <input type="radio" name="reason" value={value} required defaultChecked={result?.values.reason === value} /> {label}
            </label>
          ))}
          {reasonError ? <p className="field__error">⚠ {reasonError}</p> : null}
        </fieldset>
        <div className={`field${noteError ? " field--invalid" : ""}`}>
          <label htmlFor={`${base}-note`} className="field__label">
            Note for the moderators <span className="field__optional">(needed for “something else”)</span>
          </label>
          <textarea
            id={`${base}-note`}
            name="note"
            rows={2}
            maxLength={500}
            className="field__input"
            defaultValue={result?.values.note ?? ""}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? `${base}-note-error` : undefined}
          />
          {noteError ? (
            <p id={`${base}-note-error`} className="field__error">
              <span aria-hidden="true">⚠ </span>
              {noteError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--secondary">
          Send to moderators
        </button>
      </Form>
    </details>
  );
}
