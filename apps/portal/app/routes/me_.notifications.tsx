import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { toHttpProblem } from "@planpulse/api";
import { getCaller, query, requireUser } from "@planpulse/remix";
import { Notice, useFormatDate } from "@planpulse/ui";
import { describeNotification } from "@planpulse/validators";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Notifications") }];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  return query(args, (caller) => caller.notification.list());
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const caller = await getCaller(args);
  const id = form.get("id");
  try {
    await caller.notification.markRead(id ? { ids: [String(id)] } : {});
  } catch (error) {
    const problem = toHttpProblem(error);
    return data({ formError: problem.message }, { status: problem.status });
  }
  return redirect("/me/notifications");
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function describe(item: Item): string {
  return describeNotification(item.kind, item.actorName);
}

export default function Notifications() {
  const { items, unread } = useLoaderData<typeof loader>();
  const formatDate = useFormatDate();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Notifications</h1>
      <p className="lede">
        {unread === 0 ? "You have no unread notifications." : `You have ${unread} unread ${unread === 1 ? "notification" : "notifications"}.`} You hear when
        someone answers you, when an objective you follow gets a comment, an official response or a progress update, and when moderators hide or restore your
        comment. <Link to="/me/notifications/settings">Choose which of these also come by email, and how often</Link>.
      </p>
      {actionData && "formError" in actionData ? <Notice tone="error">{actionData.formError}</Notice> : null}
      {unread > 0 ? (
        <Form method="post" className="notifications__all">
          <button type="submit" className="button button--secondary" disabled={busy}>
            Mark all as read
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p>Nothing yet. Follow an objective, or take part in its discussion, to hear about it here.</p>
      ) : (
        <ol className="notification-list">
          {items.map((item) => (
            <li key={item.id} className={`notification${item.read ? "" : " notification--unread"}`}>
              <div className="notification__main">
                <p className="notification__text">
                  {item.read ? null : (
                    <span className="notification__dot">
                      <span aria-hidden="true">● </span>
                      <span className="visually-hidden">Unread: </span>
                    </span>
                  )}
                  {describe(item)}
                  {item.objective ? (
                    <>
                      {" "}
                      on <Link to={`/objectives/${item.objective.slug}${item.commentId ? `#comment-${item.commentId}` : ""}`}>{item.objective.text}</Link>
                    </>
                  ) : null}
                  {/* A full stop, unless the objective's own text already ends a sentence ("…crises."). */}
                  {item.objective && /[.!?]$/.test(item.objective.text) ? null : "."}
                </p>
                {item.hiddenReason ? <p className="notification__reason">Reason given: {item.hiddenReason}</p> : null}
                <p className="notification__when">{formatDate(item.createdAt, { time: true })}</p>
              </div>
              {item.read ? null : (
                <Form method="post">
                  <input type="hidden" name="id" value={item.id} />
                  <button type="submit" className="button button--link" disabled={busy}>
                    Mark as read<span className="visually-hidden">: {describe(item)}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
