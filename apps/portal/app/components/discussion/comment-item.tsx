import { Form, Link, useLocation } from "@remix-run/react";
import { FormErrorSummary, Markdown, StanceChip, useFormatDate, useOrganisation } from "@planpulse/ui";
import { FLAG_REASON_CHOICES, FLAG_REASONS } from "@planpulse/validators/domain";
import type { CommentView } from "./types";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { CommentBodyForm } from "./comment-body-form";
import type { DiscussionActionData } from "./discussion-action.server";

export function CommentDate({ iso }: { iso: string }) {
  const formatDate = useFormatDate();
  return <time dateTime={iso}>{formatDate(iso)}</time>;
}

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
  const organisation = useOrganisation();
  if (comment.state === "removed") return <p className="comment__placeholder">This comment was removed by its author.</p>;
  if (comment.state === "hidden" && !comment.isMine) return <p className="comment__placeholder">This comment was hidden by moderators.</p>;
  return (
    <p className="comment__byline">
      {variant === "official" ? (
        <span className="staff-badge staff-badge--official">{organisation.officialResponseLabel}</span>
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

/** "your comment “Bookmobiles really matter…”": which comment an Edit or Delete acts on, for screen readers. */
function whichComment(comment: CommentView): string {
  const text = (comment.body ?? "").replace(/\s+/g, " ").trim();
  return ` your comment “${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
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
        <p className="comment__status">Awaiting review: only you can see this until a moderator approves it.</p>
      ) : null}
      {comment.state === "hidden" && comment.isMine ? (
        <p className="comment__status comment__status--hidden">
          Hidden by moderators{comment.hiddenReason ? `: ${comment.hiddenReason.replace(/[.!?]?\s*$/, ".")}` : "."} Only you can see the text.
        </p>
      ) : null}
      {readable ? <Markdown source={comment.body!} mentions={comment.mentions} className="markdown comment__body" /> : null}
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
          <CommentAction
            commentId={comment.id}
            kind="reply"
            label="Reply"
            hiddenLabel={` to ${comment.author?.displayName ?? "this comment"}`}
            openFromServer={mine?.intent === "reply"}
          >
            <CommentBodyForm intent="reply" targetId={comment.id} label="Your reply" submitLabel="Post reply" result={result} />
          </CommentAction>
        ) : null}
        {comment.canEdit ? (
          <CommentAction
            commentId={comment.id}
            kind="edit"
            label="Edit"
            hiddenLabel={whichComment(comment)}
            openFromServer={mine?.intent === "edit"}
            key={`edit-${comment.editedAt ?? ""}`}
          >
            <CommentBodyForm
              intent="edit"
              targetId={comment.id}
              label="Edit your comment"
              submitLabel="Save changes"
              defaultBody={comment.body ?? ""}
              result={result}
            />
          </CommentAction>
        ) : null}
        {comment.canDelete ? (
          <CommentAction commentId={comment.id} kind="delete" label="Delete" hiddenLabel={whichComment(comment)} openFromServer={mine?.intent === "delete"}>
            <Form method="post" className="comment-form">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="commentId" value={comment.id} />
              <FormErrorSummary message={mine?.intent === "delete" ? mine.formError : null} />
              <p>Delete this comment? It will show as removed by its author.</p>
              <button type="submit" className="button button--danger">
                Yes, delete it
              </button>
            </Form>
          </CommentAction>
        ) : null}
        {comment.canFlag ? (
          <CommentAction commentId={comment.id} kind="flag" label="Flag" hiddenLabel=" this comment for moderators" openFromServer={mine?.intent === "flag"}>
            <FlagForm comment={comment} result={mine?.intent === "flag" ? mine : null} />
          </CommentAction>
        ) : null}
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
    <Form method="post" className="comment-form">
      <input type="hidden" name="intent" value="flag" />
      <input type="hidden" name="commentId" value={comment.id} />
      <FormErrorSummary message={result && !result.fieldErrors ? result.formError : null} />
      <fieldset className={`flag-reasons${reasonError ? " field--invalid" : ""}`}>
        <legend className="field__label">What is wrong with this comment?</legend>
        {FLAG_REASONS.map((value) => (
          <label key={value} className="flag-reasons__option">
            <input type="radio" name="reason" value={value} required defaultChecked={result?.values.reason === value} /> {FLAG_REASON_CHOICES[value]}
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
  );
}

type ActionKind = "reply" | "edit" | "delete" | "flag";

/**
 * One comment action (reply, edit, delete, flag) behind a toggle. Its form is rendered only when
 * open: a thread of 25 comments used to carry 50 hidden forms (~75 KB of HTML per page). Without
 * JavaScript the toggle is a link to `?act=reply-123`, and the server renders that form open; with
 * JavaScript it opens in place and focuses the first field.
 */
function CommentAction({
  commentId,
  kind,
  label,
  hiddenLabel,
  openFromServer,
  children,
}: {
  commentId: number;
  kind: ActionKind;
  label: string;
  hiddenLabel?: string;
  /** The last submission was this form's and needs another look (an error): keep it open. */
  openFromServer: boolean;
  children: ReactNode;
}) {
  const location = useLocation();
  const key = `${kind}-${commentId}`;
  const params = new URLSearchParams(location.search);
  const requested = params.get("act") === key;
  const [open, setOpen] = useState(openFromServer || requested);
  const [hydrated, setHydrated] = useState(false);
  const openedByClick = useRef(false);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (openFromServer || requested) setOpen(true);
  }, [openFromServer, requested]);
  // After a post that went through (a new page load without an error for this form), close it:
  // a reply box must not stay open with nothing in it.
  useEffect(() => {
    if (!openFromServer && !requested) setOpen(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.key]);
  useEffect(() => {
    if (!open || !openedByClick.current) return;
    openedByClick.current = false;
    panel.current?.querySelector<HTMLElement>("textarea, input:not([type=hidden]), button")?.focus();
  }, [open]);

  if (open) params.delete("act");
  else params.set("act", key);
  const query = params.toString();
  const href = `${location.pathname}${query ? `?${query}` : ""}#comment-${commentId}`;
  const toggle = () => {
    openedByClick.current = !open;
    setOpen(!open);
  };
  const panelId = `comment-${key}`;
  const text = (
    <>
      <span className="comment__action-mark" aria-hidden="true">
        {open ? "▾" : "▸"}
      </span>
      {label}
      {hiddenLabel ? <span className="visually-hidden">{hiddenLabel}</span> : null}
    </>
  );
  return (
    <div className={`comment__action${open ? " comment__action--open" : ""}`}>
      {/* A button that opens a panel once JavaScript runs; before that, a link that asks the server for it. */}
      {hydrated ? (
        <button type="button" className="comment__action-toggle" aria-expanded={open} aria-controls={open ? panelId : undefined} onClick={toggle}>
          {text}
        </button>
      ) : (
        <a href={href} className="comment__action-toggle">
          {text}
        </a>
      )}
      {open ? (
        <div id={panelId} ref={panel} className="comment__action-panel">
          {children}
        </div>
      ) : null}
    </div>
  );
}
