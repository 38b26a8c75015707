import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/api";
import { Notice } from "@planpulse/ui";
import { isStance, SlugSchema, STANCE_LABELS } from "@planpulse/validators";
import { formatDuration, formatWhen, plural } from "../components/moderation-format";
import { useQueueKeys } from "../components/use-queue-keys";
import { badIntent, runFormAction, type FormResult } from "../workspace-form.server";

export const meta: MetaFunction = () => [{ title: "Responses · Plan Pulse staff workspace" }];

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const domainParam = url.searchParams.get("domain") || undefined;
  const objectiveParam = url.searchParams.get("objective") ?? "";
  const domainSlug = domainParam && SlugSchema.safeParse(domainParam).success ? domainParam : undefined;
  const [queue, objectives, times] = await query(args, (caller) =>
    Promise.all([caller.response.queue({ domainSlug }), caller.response.objectives(), caller.response.times()]),
  );
  const preselected = objectives.some((o) => o.slug === objectiveParam) ? objectiveParam : "";
  return { queue, objectives, times, domainSlug: domainSlug ?? "", preselected };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const body = String(form.get("body") ?? "");
  if (intent === "reply") {
    return runFormAction(args, form, async (caller) => {
      await caller.response.reply({ commentId: Number(form.get("commentId")), body });
      return "Staff reply posted. The member has been notified.";
    });
  }
  if (intent === "official") {
    return runFormAction(args, form, async (caller) => {
      const { objectiveSlug } = await caller.response.official({ objectiveSlug: String(form.get("objectiveSlug") ?? ""), body });
      return `Official response posted and pinned on objective ${objectiveSlug}. Its followers have been notified.`;
    });
  }
  return badIntent(intent);
}

type Result = FormResult | undefined;
type QueueItem = ReturnType<typeof useLoaderData<typeof loader>>["queue"]["items"][number];


function ReplyItem({ item, result, busy }: { item: QueueItem; result: Result; busy: boolean }) {
  const target = String(item.commentId);
  const mine = result && result.target === target && !result.ok ? result : undefined;
  const error = mine?.fieldErrors?.body?.[0] ?? mine?.message;
  const fieldId = `reply-${item.commentId}`;
  return (
    <li>
      <article className="mod-item" tabIndex={-1} data-queue-item aria-labelledby={`q-${item.commentId}`}>
        <div className="mod-item__main">
          <h2 id={`q-${item.commentId}`} className="mod-item__title">
            {item.authorName ?? "A member"} on {item.objective.text}
          </h2>
          <p className="mod-item__risk">
            <span className="mod-chip">{item.domain.name}</span>
            <span className="mod-chip mod-chip--waiting">
              <span aria-hidden="true">◷ </span>Waiting {formatDuration(item.waitingSeconds)}
            </span>
            {item.stance ? <span className={`mod-chip stance-chip stance-chip--${item.stance}`}>Stance: {isStance(item.stance) ? STANCE_LABELS[item.stance] : item.stance}</span> : null}
            {item.objective.hasOfficialResponse ? <span className="mod-chip">Has an official response</span> : null}
          </p>
          <blockquote className="mod-item__body">{item.body}</blockquote>
          <p className="mod-item__meta">
            Posted {formatWhen(item.createdAt)} · {plural(item.replyCount, "reply", "replies")} from members
          </p>
          <Form method="post" className="reply-form">
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="target" value={target} />
            <input type="hidden" name="commentId" value={item.commentId} />
            <label htmlFor={fieldId} className="field__label">
              Reply as staff to {item.authorName ?? "this member"}
            </label>
            <textarea
              id={fieldId}
              name="body"
              rows={2}
              className="field__input"
              required
              minLength={2}
              maxLength={5000}
              data-key="r"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${fieldId}-error` : undefined}
            />
            {error ? (
              <p id={`${fieldId}-error`} className="field__error">
                <span aria-hidden="true">⚠ </span>
                {error}
              </p>
            ) : null}
            <button type="submit" className="button" disabled={busy}>
              Post staff reply
            </button>
          </Form>
        </div>
      </article>
    </li>
  );
}

const KEYS = ["r"] as const;

export default function Responses() {
  const { queue, objectives, times, domainSlug, preselected } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result;
  const busy = useNavigation().state === "submitting";
  useQueueKeys(KEYS);
  const officialError = result && !result.ok && result.intent === "official" ? result : undefined;
  return (
    <>
      <h1>Responses</h1>
      <div className="stat-grid stat-grid--compact">
        <div className="stat">
          <div className="stat__value">{queue.total}</div>
          <div className="stat__label">member comments waiting for a staff reply{domainSlug ? " in this domain" : ""}</div>
        </div>
        <div className="stat">
          <div className="stat__value">{times.medianSeconds === null ? "—" : formatDuration(times.medianSeconds)}</div>
          <div className="stat__label">median time to first staff response (n = {times.answered} answered)</div>
        </div>
      </div>
      {result?.ok ? <Notice tone="success">{result.message}</Notice> : null}

      <section aria-labelledby="needed-title">
        <h2 id="needed-title">Response needed</h2>
        {!queue.assigned ? (
          <Notice>You are not assigned to any domain yet, so there is nothing for you to answer. Ask an administrator to assign you.</Notice>
        ) : (
          <>
            <Form method="get" className="filter-bar">
              <label>
                Domain
                <select name="domain" defaultValue={domainSlug} className="field__input filter-bar__select">
                  <option value="">All my domains</option>
                  {queue.domains.map((d) => (
                    <option key={d.slug} value={d.slug}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="button button--secondary">
                Show
              </button>
            </Form>
            <p className="lede">
              Members&apos; comments with no staff reply yet, oldest first.{" "}
              {queue.items.length > 0 ? (
                <>
                  Keys: <kbd>j</kbd> / <kbd>k</kbd> next / previous · <kbd>r</kbd> write a reply.
                </>
              ) : null}
            </p>
            {queue.items.length === 0 ? (
              <p>Every member comment here has a staff reply. Well done.</p>
            ) : (
              <ol className="mod-list">
                {queue.items.map((item) => (
                  <ReplyItem key={item.commentId} item={item} result={result} busy={busy} />
                ))}
              </ol>
            )}
            {queue.total > queue.items.length ? <p>Showing the {queue.items.length} oldest of {queue.total}.</p> : null}
          </>
        )}
      </section>

      {objectives.length > 0 ? (
        <section aria-labelledby="official-title" className="card official-form">
          <h2 id="official-title">Post an official response</h2>
          <p className="field__hint">It is pinned at the top of the objective&apos;s discussion, marked as staff, and everyone following the objective is notified.</p>
          {officialError ? <Notice tone="error">{officialError.message}</Notice> : null}
          <Form method="post">
            <input type="hidden" name="intent" value="official" />
            <div className={`field${officialError?.fieldErrors?.objectiveSlug ? " field--invalid" : ""}`}>
              <label htmlFor="objectiveSlug" className="field__label">
                Objective
              </label>
              <select id="objectiveSlug" name="objectiveSlug" className="field__input" defaultValue={preselected} required>
                <option value="" disabled>
                  Choose an objective
                </option>
                {objectives.map((o) => (
                  <option key={o.slug} value={o.slug}>
                    {o.domainName}: {o.text.length > 90 ? `${o.text.slice(0, 90)}…` : o.text}
                    {o.answered ? "" : " (no staff response yet)"}
                  </option>
                ))}
              </select>
              {officialError?.fieldErrors?.objectiveSlug?.[0] ? <p className="field__error">{officialError.fieldErrors.objectiveSlug[0]}</p> : null}
            </div>
            <div className={`field${officialError?.fieldErrors?.body ? " field--invalid" : ""}`}>
              <label htmlFor="official-body" className="field__label">
                Official response
              </label>
              <textarea
                id="official-body"
                name="body"
                rows={5}
                className="field__input"
                required
                minLength={2}
                maxLength={5000}
                aria-invalid={officialError?.fieldErrors?.body ? true : undefined}
                aria-describedby={officialError?.fieldErrors?.body ? "official-body-error" : undefined}
              />
              {officialError?.fieldErrors?.body?.[0] ? (
                <p id="official-body-error" className="field__error">
                  <span aria-hidden="true">⚠ </span>
                  {officialError.fieldErrors.body[0]}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button" disabled={busy}>
              Post official response
            </button>
          </Form>
        </section>
      ) : null}

      {times.objectives.length > 0 ? (
        <section aria-labelledby="times-title">
          <h2 id="times-title">Time to first staff response, per objective</h2>
          <table className="data">
            <caption className="visually-hidden">Median time from a member&apos;s comment to the first staff reply, per objective</caption>
            <thead>
              <tr>
                <th scope="col">Objective</th>
                <th scope="col">Comments answered</th>
                <th scope="col">Median wait</th>
                <th scope="col">First staff response</th>
              </tr>
            </thead>
            <tbody>
              {times.objectives.map((o) => (
                <tr key={o.slug}>
                  <td>{o.text}</td>
                  <td>{o.answered}</td>
                  <td>{o.medianSeconds === null ? "—" : formatDuration(o.medianSeconds)}</td>
                  <td>{o.firstStaffResponseAt ? formatWhen(o.firstStaffResponseAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
