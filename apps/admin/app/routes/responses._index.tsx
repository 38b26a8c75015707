import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { query } from "@planpulse/remix";
import { Notice } from "@planpulse/ui";
import { isStance, SlugSchema, STANCE_WORDS } from "@planpulse/validators";
import { formatDuration, formatWhen, plural } from "../components/moderation-format";
import { useQueueKeys } from "../components/use-queue-keys";
import { badIntent, runFormAction, type FormResult } from "../workspace-form.server";
import { pageTitle } from "../page-title";
import { LiveQueueNotice } from "../components/live-queue-notice";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Responses", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const domainParam = url.searchParams.get("domain") || undefined;
  const domainSlug = domainParam && SlugSchema.safeParse(domainParam).success ? domainParam : undefined;
  const pageParam = Number(url.searchParams.get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 100_000 ? pageParam : 1;
  const openParam = Number(url.searchParams.get("reply") ?? "");
  const [queue, objectives, times] = await query(args, (caller) =>
    Promise.all([caller.response.queue({ domainSlug, page }), caller.response.objectives(), caller.response.times()]),
  );
  const repliedOn = url.searchParams.get("replied");
  const repliedObjective = repliedOn ? (objectives.find((o) => o.slug === repliedOn)?.text ?? null) : null;
  return { queue, times, domainSlug: domainSlug ?? "", open: Number.isInteger(openParam) ? openParam : null, repliedObjective };
}

function listHref(params: { domain?: string; page?: number; reply?: number; replied?: string }): string {
  const search = new URLSearchParams();
  if (params.domain) search.set("domain", params.domain);
  if (params.page && params.page > 1) search.set("page", String(params.page));
  if (params.reply) search.set("reply", String(params.reply));
  if (params.replied) search.set("replied", params.replied);
  const query = search.toString();
  return `/responses${query ? `?${query}` : ""}`;
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const body = String(form.get("body") ?? "");
  if (intent !== "reply") return badIntent(intent);
  let objectiveSlug = "";
  const result = await runFormAction(args, form, async (caller) => {
    await caller.response.reply({ commentId: Number(form.get("commentId")), body });
    objectiveSlug = String(form.get("objectiveSlug") ?? "");
    return "Staff reply posted.";
  });
  if (!result.data.ok) return result;
  // Post/redirect/get: the box is empty again and a reload cannot post twice; the message shows
  // at the top of the list, where the item was.
  const page = Number(form.get("page") ?? "1");
  return redirect(
    `${listHref({ domain: String(form.get("domain") ?? "") || undefined, page: Number.isInteger(page) ? page : 1, replied: objectiveSlug || "-" })}#needed-title`,
  );
}

type Result = FormResult | undefined;
type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type QueueItem = LoaderData["queue"]["items"][number];

function ReplyItem({
  item,
  result,
  open,
  onToggle,
  busy,
  domain,
  page,
}: {
  item: QueueItem;
  result: Result;
  open: boolean;
  onToggle: (() => void) | null;
  busy: boolean;
  domain: string;
  page: number;
}) {
  const target = String(item.commentId);
  const mine = result && result.target === target && !result.ok ? result : undefined;
  const error = mine?.fieldErrors?.body?.[0] ?? mine?.message;
  const fieldId = `reply-${item.commentId}`;
  const formId = `reply-form-${item.commentId}`;
  const isOpen = open || Boolean(mine);
  const who = item.authorName ?? "a member";
  return (
    <li className="triage-item" id={`q-${item.commentId}`} tabIndex={-1} data-queue-item>
      <p className="triage-item__head">
        <span className="mod-chip mod-chip--waiting">Waiting {formatDuration(item.waitingSeconds)}</span> <strong>{item.authorName ?? "A member"}</strong> on{" "}
        <span className="triage-item__objective">{item.objective.text}</span>
      </p>
      <p className="triage-item__meta">
        {item.domain.name} · posted {formatWhen(item.createdAt)} · {plural(item.replyCount, "member reply", "member replies")}
        {item.stance && isStance(item.stance) ? ` · stance: ${STANCE_WORDS[item.stance]}` : ""}
        {item.objective.hasOfficialResponse ? " · the objective has an official response" : ""}
      </p>
      <blockquote className="triage-item__body">{item.body}</blockquote>
      <div className="triage-item__actions">
        {onToggle ? (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={isOpen}
            aria-controls={formId}
            onClick={onToggle}
            data-key="r"
          >
            Reply<span className="visually-hidden"> to {who}</span>
          </button>
        ) : (
          <Link
            className="button button--secondary button--small"
            to={`${listHref({ domain, page, reply: isOpen ? undefined : item.commentId })}#q-${item.commentId}`}
            data-key="r"
          >
            {isOpen ? "Close the reply" : "Reply"}
            <span className="visually-hidden"> to {who}</span>
          </Link>
        )}
        <Link to={`/responses/official?objective=${item.objective.slug}`}>
          Official response<span className="visually-hidden"> on {item.objective.text}</span>
        </Link>
      </div>
      {isOpen ? (
        <Form method="post" className="reply-form" id={formId}>
          <input type="hidden" name="intent" value="reply" />
          <input type="hidden" name="target" value={target} />
          <input type="hidden" name="commentId" value={item.commentId} />
          <input type="hidden" name="objectiveSlug" value={item.objective.slug} />
          <input type="hidden" name="domain" value={domain} />
          <input type="hidden" name="page" value={page} />
          <label htmlFor={fieldId} className="field__label">
            Reply as staff to {who}
          </label>
          <textarea
            id={fieldId}
            name="body"
            rows={3}
            className="field__input"
            required
            minLength={2}
            maxLength={5000}
            autoFocus={Boolean(onToggle)}
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
            {busy ? "Posting…" : "Post staff reply"}
          </button>
        </Form>
      ) : null}
    </li>
  );
}

const KEYS = ["r"] as const;

export default function Responses() {
  const { queue, times, domainSlug, open, repliedObjective } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [hydrated, setHydrated] = useState(false);
  const [opened, setOpened] = useState<number | null>(open);
  useEffect(() => setHydrated(true), []);
  useEffect(() => setOpened(open), [open, queue.page]);
  useQueueKeys(KEYS);
  const first = (queue.page - 1) * queue.pageSize + 1;
  const last = first + queue.items.length - 1;
  return (
    <>
      <h1>Responses</h1>
      <LiveQueueNotice queue="responses" />
      <div className="stat-grid stat-grid--compact">
        <div className="stat">
          <div className="stat__value">{queue.total.toLocaleString("en-US")}</div>
          <div className="stat__label">member comments waiting for a staff reply{domainSlug ? " in this domain" : ""}</div>
        </div>
        <div className="stat">
          <div className="stat__value">{times.medianSeconds === null ? "—" : formatDuration(times.medianSeconds)}</div>
          <div className="stat__label">median time to first staff response (n = {times.answered} answered)</div>
        </div>
      </div>
      <p>
        <Link to="/responses/official">Post an official response</Link> (pinned at the top of an objective&apos;s discussion) ·{" "}
        <a href="#times-title">Response times per objective</a>
      </p>

      <section aria-labelledby="needed-title">
        <h2 id="needed-title">Response needed</h2>
        {repliedObjective !== null || (result?.ok && result.intent === "reply") ? (
          <Notice tone="success">Staff reply posted{repliedObjective ? ` on “${repliedObjective}”` : ""}. The member has been notified.</Notice>
        ) : null}
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
            {queue.items.length === 0 ? (
              <p>Every member comment here has a staff reply. Well done.</p>
            ) : (
              <>
                <p className="lede">
                  Members&apos; comments with no staff reply yet, oldest first: {first}–{last} of {queue.total.toLocaleString("en-US")}.
                  {hydrated ? (
                    <span className="key-legend">
                      {" "}
                      Keys: <kbd>j</kbd> / <kbd>k</kbd> next / previous · <kbd>r</kbd> reply.
                    </span>
                  ) : null}
                </p>
                <ol className="triage-list" start={first}>
                  {queue.items.map((item) => (
                    <ReplyItem
                      key={item.commentId}
                      item={item}
                      result={result}
                      open={opened === item.commentId}
                      onToggle={hydrated ? () => setOpened((value) => (value === item.commentId ? null : item.commentId)) : null}
                      busy={busy}
                      domain={domainSlug}
                      page={queue.page}
                    />
                  ))}
                </ol>
              </>
            )}
            {queue.pageCount > 1 ? (
              <nav className="pager" aria-label="Pages of the response list">
                {queue.page > 1 ? <Link to={listHref({ domain: domainSlug, page: queue.page - 1 })}>← Older {queue.pageSize}</Link> : null}
                <span>
                  Page {queue.page} of {queue.pageCount}
                </span>
                {queue.page < queue.pageCount ? <Link to={listHref({ domain: domainSlug, page: queue.page + 1 })}>Newer →</Link> : null}
              </nav>
            ) : null}
          </>
        )}
      </section>

      {times.objectives.length > 0 ? (
        <section aria-labelledby="times-title">
          <h2 id="times-title" tabIndex={-1}>
            Time to first staff response, per objective
          </h2>
          <div className="table-scroll" tabIndex={0}>
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
          </div>
        </section>
      ) : null}
    </>
  );
}
