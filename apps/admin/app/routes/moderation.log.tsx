import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { formatWhen } from "../components/moderation-format";
import { ModerationNav } from "../components/moderation-nav";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Decisions log · Moderation", " staff workspace") }];

const ACTION_LABELS: Record<string, string> = {
  "comment.approve": "Approved comment",
  "comment.hide": "Hid comment",
  "comment.restore": "Restored comment",
  "objective.lock_discussion": "Locked discussion",
  "objective.unlock_discussion": "Unlocked discussion",
  "user.suspend": "Suspended member",
  "user.reinstate": "Reinstated member",
  "moderation.settings_update": "Changed hold rules",
};

export async function loader(args: LoaderFunctionArgs) {
  return { log: await query(args, (caller) => caller.moderation.log()) };
}

export default function ModerationLog() {
  const { log } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Decisions log</h1>
      <ModerationNav />
      <p className="lede">Every moderation decision, newest first, with its reason and the state before and after. Entries are never changed.</p>
      {log.length === 0 ? (
        <p>No decisions yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data mod-log">
            <caption className="visually-hidden">Moderation decisions</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Reason</th>
                <th scope="col">Before → after</th>
              </tr>
            </thead>
            <tbody>
              {log.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatWhen(entry.createdAt)}</td>
                  <td>{entry.actor ?? "System"}</td>
                  <td>
                    {ACTION_LABELS[entry.action] ?? entry.action} <span className="muted">{entry.target}</span>
                  </td>
                  <td>{entry.reason ?? "—"}</td>
                  <td className="mod-log__change">
                    <code>{entry.before ?? "—"}</code> → <code>{entry.after ?? "—"}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
