import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { Notice } from "@planpulse/ui";
import { flagReasonLabel } from "@planpulse/validators/domain";
import { formatMonth, formatWhen, plural } from "../components/moderation-format";
import { ModerationNav } from "../components/moderation-nav";
import { useQueueKeys } from "../components/use-queue-keys";
import { badIntent, runFormAction, type FormResult } from "../workspace-form.server";
import { pageTitle } from "../page-title";
import { LiveQueueNotice } from "../components/live-queue-notice";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Moderation", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  const view = new URL(args.request.url).searchParams.get("view") === "hidden" ? "hidden" : "queue";
  const [queue, counts, restrictions] = await query(args, (caller) =>
    Promise.all([
      caller.moderation.queue({ view }),
      view === "queue" ? Promise.resolve(null) : caller.moderation.queue({ view: "queue" }),
      caller.moderation.restrictions(),
    ]),
  );
  return { view, queue, queueCount: counts?.total ?? queue.total, restrictions };
}

const ids = (form: FormData) => form.getAll("commentId").map((value) => Number(value));
const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = text(form, "intent");
  switch (intent) {
    case "approve":
      return runFormAction(args, form, async (caller) => {
        const { approved } = await caller.moderation.approve({ commentIds: ids(form) });
        return `Approved ${plural(approved.length, "comment")}: ${approved.map((id) => `#${id}`).join(", ")} is visible and its flags are resolved.`;
      });
    case "hide":
      return runFormAction(args, form, async (caller) => {
        const { hidden } = await caller.moderation.hide({ commentIds: ids(form), reason: text(form, "reason") });
        return `Hid ${plural(hidden.length, "comment")} (${hidden.map((id) => `#${id}`).join(", ")}). The author sees why.`;
      });
    case "restore":
      return runFormAction(args, form, async (caller) => {
        const { restored } = await caller.moderation.restore({ commentId: Number(text(form, "commentId")), note: text(form, "note") || undefined });
        return `Restored comment #${restored}; everyone can read it again.`;
      });
    case "lock":
    case "unlock":
      return runFormAction(args, form, async (caller) => {
        await caller.moderation.lock({ objectiveId: Number(text(form, "objectiveId")), locked: intent === "lock", reason: text(form, "reason") || undefined });
        return intent === "lock" ? "Discussion locked: members can read it but not add comments." : "Discussion unlocked.";
      });
    case "suspend":
      return runFormAction(args, form, async (caller) => {
        await caller.moderation.suspend({ userId: Number(text(form, "userId")), reason: text(form, "reason") });
        return "Member suspended: they were signed out everywhere and can read but not write.";
      });
    case "reinstate":
      return runFormAction(args, form, async (caller) => {
        await caller.moderation.reinstate({ userId: Number(text(form, "userId")) });
        return "Member reinstated: they can take part again.";
      });
    default:
      return badIntent(intent);
  }
}

type Result = FormResult | undefined;

function errorFor(result: Result, target: string, field: string): string | undefined {
  if (!result || result.ok || result.target !== target) return undefined;
  return result.fieldErrors?.[field]?.[0];
}

function KeyLegend() {
  return (
    <aside className="key-legend" aria-label="Keyboard shortcuts">
      <strong>Keys:</strong> <kbd>j</kbd> / <kbd>k</kbd> next / previous · <kbd>a</kbd> approve · <kbd>h</kbd> hide (type the reason, then Enter) ·{" "}
      <kbd>Tab</kbd> reaches every action too
    </aside>
  );
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["queue"]["items"][number];

function RiskLine({ item }: { item: Item }) {
  return (
    <p className="mod-item__risk">
      {item.status === "held" ? (
        <span className="mod-chip mod-chip--held">
          <span aria-hidden="true">‖ </span>Held for review
        </span>
      ) : null}
      {item.status === "hidden" ? (
        <span className="mod-chip mod-chip--hidden">
          <span aria-hidden="true">⦸ </span>Hidden
        </span>
      ) : null}
      {item.flagCounts.length > 0 ? (
        <span className="mod-chip mod-chip--flagged">
          <span aria-hidden="true">⚑ </span>
          {plural(item.flags.length, "flag")}: {item.flagCounts.map((f) => `${flagReasonLabel(f.reason)} ×${f.count}`).join(" · ")}
        </span>
      ) : null}
      {item.heldReason && item.status === "held" ? <span className="mod-item__why">{item.heldReason}</span> : null}
      {item.status === "hidden" && item.hiddenReason ? <span className="mod-item__why">Reason: {item.hiddenReason}</span> : null}
    </p>
  );
}

function AuthorLine({ item }: { item: Item }) {
  const a = item.author;
  if (!a) return <p className="mod-item__author">Account deleted</p>;
  return (
    <p className="mod-item__author">
      <strong>{a.displayName}</strong>
      {a.suspended ? <span className="mod-chip mod-chip--hidden"> Suspended</span> : null} · {plural(a.comments, "comment")} · {plural(a.flagsAgainst, "flag")}{" "}
      against · {a.hidden} hidden · member since {formatMonth(a.memberSince)}
    </p>
  );
}

function QueueItem({ item, result, busy }: { item: Item; result: Result; busy: boolean }) {
  const target = String(item.commentId);
  const hideError = errorFor(result, target, "reason");
  const itemMessage = result && result.target === target && !result.ok && !hideError ? result.message : undefined;
  const headingId = `item-${item.commentId}`;
  return (
    <li>
      <article className="mod-item" tabIndex={-1} data-queue-item aria-labelledby={headingId}>
        <div className="mod-item__select">
          <input type="checkbox" name="commentId" value={item.commentId} form="bulk" id={`select-${item.commentId}`} />
          <label htmlFor={`select-${item.commentId}`} className="visually-hidden">
            Select comment #{item.commentId}
          </label>
        </div>
        <div className="mod-item__main">
          <h2 id={headingId} className="mod-item__title">
            Comment #{item.commentId}
            {item.isReply ? " (a reply)" : ""} on{" "}
            <Link to={`/moderation/objectives/${item.objective.slug}#comment-${item.commentId}`} className="mod-item__objective">
              {item.objective.text}
            </Link>
            {item.objective.discussionLocked ? <span className="mod-chip"> Discussion locked</span> : null}
          </h2>
          <RiskLine item={item} />
          <blockquote className="mod-item__body">{item.body}</blockquote>
          <p className="mod-item__meta">Posted {formatWhen(item.createdAt)}</p>
          {item.flags.some((f) => f.note) ? (
            <ul className="mod-item__notes" aria-label="Notes from the people who flagged it">
              {item.flags
                .filter((f) => f.note)
                .map((f, i) => (
                  <li key={i}>
                    {flagReasonLabel(f.reason)}: “{f.note}”
                  </li>
                ))}
            </ul>
          ) : null}
          <AuthorLine item={item} />
          {itemMessage ? (
            <p className="field__error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {itemMessage}
            </p>
          ) : null}
          <div className="mod-actions">
            {item.status === "hidden" ? (
              <Form method="post" className="mod-actions__form">
                <input type="hidden" name="intent" value="restore" />
                <input type="hidden" name="target" value={target} />
                <input type="hidden" name="commentId" value={item.commentId} />
                <button type="submit" className="button button--secondary" disabled={busy} data-key="r">
                  Restore
                </button>
              </Form>
            ) : (
              <>
                <Form method="post" className="mod-actions__form">
                  <input type="hidden" name="intent" value="approve" />
                  <input type="hidden" name="target" value={target} />
                  <input type="hidden" name="commentId" value={item.commentId} />
                  <button type="submit" className="button" disabled={busy} data-key="a">
                    Approve
                  </button>
                </Form>
                <Form method="post" className="mod-actions__form mod-actions__hide">
                  <input type="hidden" name="intent" value="hide" />
                  <input type="hidden" name="target" value={target} />
                  <input type="hidden" name="commentId" value={item.commentId} />
                  <label htmlFor={`reason-${item.commentId}`} className="visually-hidden">
                    Reason for hiding comment #{item.commentId} (the author sees it)
                  </label>
                  <input
                    id={`reason-${item.commentId}`}
                    name="reason"
                    className="field__input mod-actions__reason"
                    placeholder="Reason (the author sees it)"
                    required
                    minLength={3}
                    maxLength={500}
                    data-key="h"
                    aria-invalid={hideError ? true : undefined}
                    aria-describedby={hideError ? `reason-error-${item.commentId}` : undefined}
                  />
                  <button type="submit" className="button button--danger" disabled={busy}>
                    Hide
                  </button>
                  {hideError ? (
                    <p id={`reason-error-${item.commentId}`} className="field__error">
                      <span aria-hidden="true">⚠ </span>
                      {hideError}
                    </p>
                  ) : null}
                </Form>
              </>
            )}
            <details className="mod-more">
              <summary>More actions</summary>
              <div className="mod-more__body">
                <Form method="post" className="mod-actions__form">
                  <input type="hidden" name="intent" value={item.objective.discussionLocked ? "unlock" : "lock"} />
                  <input type="hidden" name="target" value={target} />
                  <input type="hidden" name="objectiveId" value={item.objective.id} />
                  <button type="submit" className="button button--secondary" disabled={busy}>
                    {item.objective.discussionLocked ? "Unlock this objective's discussion" : "Lock this objective's discussion"}
                  </button>
                </Form>
                {item.author ? (
                  item.author.suspended ? (
                    <Form method="post" className="mod-actions__form">
                      <input type="hidden" name="intent" value="reinstate" />
                      <input type="hidden" name="target" value={target} />
                      <input type="hidden" name="userId" value={item.author.id} />
                      <button type="submit" className="button button--secondary" disabled={busy}>
                        Reinstate {item.author.displayName}
                      </button>
                    </Form>
                  ) : (
                    <Form method="post" className="mod-actions__form mod-actions__hide">
                      <input type="hidden" name="intent" value="suspend" />
                      <input type="hidden" name="target" value={target} />
                      <input type="hidden" name="userId" value={item.author.id} />
                      <label htmlFor={`suspend-${item.commentId}`} className="visually-hidden">
                        Reason for suspending {item.author.displayName}
                      </label>
                      <input
                        id={`suspend-${item.commentId}`}
                        name="reason"
                        className="field__input mod-actions__reason"
                        placeholder="Reason for suspending"
                        required
                        minLength={3}
                        maxLength={500}
                      />
                      <button type="submit" className="button button--danger" disabled={busy}>
                        Suspend {item.author.displayName}
                      </button>
                    </Form>
                  )
                ) : null}
              </div>
            </details>
          </div>
        </div>
      </article>
    </li>
  );
}

const QUEUE_KEYS = ["a", "h", "r"] as const;

export default function ModerationQueue() {
  const { view, queue, queueCount, restrictions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  useQueueKeys(QUEUE_KEYS);
  const bulkError = result && !result.ok && result.target === "bulk" ? result : undefined;
  const hidden = view === "hidden";
  return (
    <>
      <h1>{hidden ? "Hidden comments" : "Moderation queue"}</h1>
      <ModerationNav queueCount={queueCount} />
      {hidden ? null : <LiveQueueNotice queue="moderation" />}
      <p className="lede">
        {hidden
          ? "Comments moderators have hidden, newest first. Restoring one makes it visible again and tells its author."
          : queue.total === 0
            ? "Nothing is waiting. Flagged and held comments appear here, newest risk first."
            : `${plural(queue.total, "comment")} waiting: flagged by members or held by the hold rules, newest risk first.`}
      </p>
      {result?.ok ? <Notice tone="success">{result.message}</Notice> : null}
      {result && !result.ok && (result.target === "bulk" || !result.target) ? <Notice tone="error">{result.message}</Notice> : null}
      {queue.items.length > 0 ? <KeyLegend /> : null}

      {!hidden && queue.items.length > 0 ? (
        <Form method="post" id="bulk" className="bulk-bar" aria-label="Act on the selected comments">
          <input type="hidden" name="target" value="bulk" />
          <span className="bulk-bar__label">With the selected comments:</span>
          <button type="submit" name="intent" value="approve" className="button button--secondary" disabled={busy}>
            Approve selected
          </button>
          <label htmlFor="bulk-reason" className="visually-hidden">
            Reason for hiding the selected comments
          </label>
          <input
            id="bulk-reason"
            name="reason"
            className="field__input mod-actions__reason"
            placeholder="Reason, to hide them"
            maxLength={500}
            aria-invalid={bulkError?.fieldErrors?.reason ? true : undefined}
          />
          <button type="submit" name="intent" value="hide" className="button button--danger" disabled={busy}>
            Hide selected
          </button>
          {bulkError?.fieldErrors?.reason?.[0] || bulkError?.fieldErrors?.commentIds?.[0] ? (
            <p className="field__error">
              <span aria-hidden="true">⚠ </span>
              {bulkError.fieldErrors.reason?.[0] ?? bulkError.fieldErrors.commentIds?.[0]}
            </p>
          ) : null}
        </Form>
      ) : null}

      {queue.items.length > 0 ? (
        <ol className="mod-list">
          {queue.items.map((item) => (
            <QueueItem key={item.commentId} item={item} result={result} busy={busy} />
          ))}
        </ol>
      ) : hidden ? (
        <p>No comment is hidden.</p>
      ) : null}
      {queue.total > queue.items.length ? (
        <p>
          Showing the {queue.items.length} most recent of {queue.total}.
        </p>
      ) : null}

      <section className="mod-restrictions" aria-labelledby="restrictions-title">
        <h2 id="restrictions-title">Locked discussions and suspended members</h2>
        {restrictions.lockedObjectives.length === 0 && restrictions.suspendedMembers.length === 0 ? <p>None at the moment.</p> : null}
        <ul className="plain-list">
          {restrictions.lockedObjectives.map((o) => (
            <li key={`o${o.id}`}>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="unlock" />
                <input type="hidden" name="objectiveId" value={o.id} />
                Discussion locked since {formatWhen(o.lockedAt)}: {o.text}{" "}
                <button type="submit" className="button button--link">
                  Unlock
                </button>
              </Form>
            </li>
          ))}
          {restrictions.suspendedMembers.map((m) => (
            <li key={`m${m.id}`}>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="reinstate" />
                <input type="hidden" name="userId" value={m.id} />
                {m.displayName}, suspended since {formatWhen(m.suspendedAt)}{" "}
                <button type="submit" className="button button--link">
                  Reinstate {m.displayName}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
