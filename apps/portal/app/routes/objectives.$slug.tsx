import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import {
  Breadcrumbs,
  MemberComments,
  PriorityShare,
  ProgressBar,
  ProgressTimeline,
  StanceSummary,
  StatusBadge,
  SupportTally,
  UrgentBadge,
} from "@planpulse/ui";
import { toHttpProblem } from "@planpulse/api";
import { getCaller, pageShowsObjectives, query } from "@planpulse/remix";
import { EngagementPanel, type EngagementActionData } from "../components/engagement/engagement-panel";
import { FollowButton } from "../components/follow-button";
import { pageTitle } from "../page-title";
import { NewCommentsNotice, useLiveObjective } from "../components/live/use-live-objective";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, `${data.objective.text.slice(0, 60)}`) : pageTitle(matches, "Objective not found") },
];

export async function loader(args: LoaderFunctionArgs) {
  const slug = args.params.slug ?? "";
  const [objective, me, progressUpdates] = await query(args, (caller) =>
    Promise.all([caller.objective.get({ slug }), caller.me.get(), caller.progress.timeline({ slug })]),
  );
  // Its figures, thread and progress are this objective's: other objectives' votes leave a visitor's copy cached.
  pageShowsObjectives(args, [objective.id]);
  // An archived cycle's objective shows that cycle's figures (points and shares are per cycle).
  const archived = objective.cycle.status === "archived";
  const figures = await query(args, (caller) => caller.engagement.figures(archived ? { cycleSlug: objective.cycle.slug } : undefined));
  const own = figures.mine?.objectives[objective.id];
  const following = me ? (own?.following ?? false) : false;
  return {
    objective,
    figures: figures.objectives[objective.id] ?? null,
    totals: figures.totals,
    signedIn: me !== null,
    mine: figures.mine ? { supported: own?.supported ?? false, points: own?.points ?? 0, stance: own?.stance ?? null } : null,
    pointsLeft: figures.mine?.pointsLeft ?? null,
    progressUpdates,
    following,
  };
}

/** The engagement panel's forms (points, stance) post here; the discussion's forms go to the index child. */
export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const objectiveId = Number(form.get("objectiveId"));
  const caller = await getCaller(args);
  if (intent !== "points" && intent !== "stance") {
    return data<EngagementActionData>({ intent: "stance", ok: false, message: "That form is not one we know." }, { status: 400 });
  }
  try {
    if (intent === "points") {
      const raw = String(form.get("points") ?? "").trim();
      await caller.priority.set({ objectiveId, points: raw === "" ? 0 : Number(raw) });
    } else {
      const stance = String(form.get("stance") ?? "");
      await caller.stance.set({ objectiveId, stance: stance as "support" });
    }
  } catch (error) {
    const problem = toHttpProblem(error);
    const fieldErrors = problem.fieldErrors ?? {};
    if (problem.status === 401) fieldErrors[intent] = ["Sign in first, then try again."];
    return data<EngagementActionData>({ intent, ok: false, message: problem.message, fieldErrors }, { status: problem.status });
  }
  return data<EngagementActionData>({ intent, ok: true });
}

export default function ObjectivePage() {
  const { objective, figures: loaded, totals, signedIn, mine, pointsLeft, progressUpdates, following } = useLoaderData<typeof loader>();
  const path = `/objectives/${objective.slug}`;
  // With JavaScript the figures follow every member's vote and stance as it happens (decision 023).
  const live = useLiveObjective(objective.slug, objective.id, loaded);
  const figures = live.figures;
  const archived = objective.cycle.status === "archived";
  const readOnly = objective.retiredAt !== null || archived;
  return (
    <>
      <Breadcrumbs
        trail={[
          archived ? { label: objective.cycle.name, to: `/plans/${objective.cycle.slug}` } : { label: "The plan", to: "/" },
          { label: objective.domain.name, to: `/domains/${objective.domain.slug}` },
        ]}
        current={`Objective ${objective.position}`}
      />
      <article className="objective-head">
        {objective.isUrgent ? <UrgentBadge /> : null}
        <h1>{objective.text}</h1>
        {objective.retiredAt ? (
          <p className="retired-note">
            <span className="retired-badge">Retired</span> This objective has been retired from the plan. Its history stays here to read.
          </p>
        ) : null}
        {archived ? (
          <p className="retired-note">
            <span className="retired-badge">Archived</span> This objective belongs to “{objective.cycle.name}”, an archived plan cycle. Everything members said
            stays here to read; <Link to="/">the current plan</Link> takes part.
          </p>
        ) : null}
        {objective.carriedFrom ? (
          <p className="carried-from">
            Continues <Link to={`/objectives/${objective.carriedFrom.slug}`}>“{objective.carriedFrom.text}”</Link> from{" "}
            <Link to={`/plans/${objective.carriedFrom.cycleSlug}`}>{objective.carriedFrom.cycleName}</Link> (its votes, comments and figures stay there).
          </p>
        ) : null}
        <div className="status-line">
          <StatusBadge status={objective.status} />
          <ProgressBar percent={objective.percentComplete} />
        </div>
      </article>

      {readOnly ? null : (
        <EngagementPanel
          objectiveId={objective.id}
          objectivePath={path}
          signedIn={signedIn}
          supports={figures?.supports ?? 0}
          mine={mine}
          pointsLeft={pointsLeft}
        />
      )}

      {figures ? (
        <section className="objective-figures-card" aria-labelledby="figures-heading">
          <h2 id="figures-heading" className="objective-figures-card__title">
            What members say
          </h2>
          <dl className="objective-figures">
            <div>
              <dt>Member stance</dt>
              <dd>
                <StanceSummary stance={figures.stance} />
              </dd>
            </div>
            <div>
              <dt>Supporters</dt>
              <dd>
                <SupportTally count={figures.supports} />
              </dd>
            </div>
            <div>
              <dt>Priority points</dt>
              <dd>
                <PriorityShare share={figures.priorityShare} members={live.priorityMembers ?? totals.priorityMembers} />
              </dd>
            </div>
            <div>
              <dt>Discussion</dt>
              <dd>
                <MemberComments count={figures.comments} explain />
              </dd>
            </div>
          </dl>
        </section>
      ) : null}

      {readOnly ? null : <FollowButton slug={objective.slug} following={following} signedIn={signedIn} />}

      {/* ── Progress updates timeline: helper C1 fills this slot ── */}
      <ProgressTimeline updates={progressUpdates} />

      <NewCommentsNotice count={live.newComments} onShow={live.showNew} loading={live.loading} message={live.message} />
      {/* The discussion (objectives.$slug._index.tsx) renders below. */}
      <Outlet />
    </>
  );
}
