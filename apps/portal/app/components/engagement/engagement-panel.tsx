import { useActionData, useFetcher } from "@remix-run/react";
import { StanceShape } from "@planpulse/ui";
import { PRIORITY_POINTS_BUDGET, PRIORITY_POINTS_PER_OBJECTIVE, STANCE_HINTS, STANCE_LABELS, STANCES, type StanceValue } from "@planpulse/validators/domain";
import { useId } from "react";
import { SupportButton } from "./support-button";

export type EngagementActionData = {
  intent: "points" | "stance";
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined> | null;
};

type Props = {
  objectiveId: number;
  objectivePath: string;
  signedIn: boolean;
  supports: number;
  mine: { supported: boolean; points: number; stance: StanceValue | null } | null;
  pointsLeft: number | null;
};

/** "Your part" on an objective: Support, Priority points and My stance, each working without JavaScript. */
export function EngagementPanel({ objectiveId, objectivePath, signedIn, supports, mine, pointsLeft }: Props) {
  const points = useFetcher<EngagementActionData>({ key: `points-${objectiveId}` });
  const stance = useFetcher<EngagementActionData>({ key: `stance-${objectiveId}` });
  const ids = useId();
  // Without JavaScript the forms post as documents, so their answer arrives as the route's action data.
  const posted = useActionData<EngagementActionData>();
  const pointsResult = points.data ?? (posted?.intent === "points" ? posted : undefined);
  const stanceResult = stance.data ?? (posted?.intent === "stance" ? posted : undefined);
  const loginHref = `/login?redirectTo=${encodeURIComponent(objectivePath)}`;
  const pointsError = pointsResult && !pointsResult.ok ? (pointsResult.fieldErrors?.points?.[0] ?? pointsResult.message) : null;
  const stanceError = stanceResult && !stanceResult.ok ? (stanceResult.fieldErrors?.stance?.[0] ?? stanceResult.message) : null;
  const myPoints = mine?.points ?? 0;

  return (
    <section className="engagement-panel" id="your-part" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="engagement-panel__title">
        Your part
      </h2>
      <div className="engagement-panel__grid">
        <div className="engagement-panel__cell">
          <h3>Support</h3>
          <SupportButton
            objectiveId={objectiveId}
            supported={mine?.supported ?? false}
            count={supports}
            redirectTo={`${objectivePath}#your-part`}
            signedIn={signedIn}
          />
        </div>

        <div className="engagement-panel__cell">
          <h3 id={`${ids}-points`}>Priority points</h3>
          {signedIn ? (
            <points.Form method="post" action={objectivePath} className="inline-form" aria-labelledby={`${ids}-points`}>
              <input type="hidden" name="intent" value="points" />
              <input type="hidden" name="objectiveId" value={objectiveId} />
              <div className={`field field--inline${pointsError ? " field--invalid" : ""}`}>
                <label htmlFor={`${ids}-points-input`} className="field__label field__label--quiet">
                  Points on this objective (0–{PRIORITY_POINTS_PER_OBJECTIVE})
                </label>
                <p id={`${ids}-points-hint`} className="field__hint">
                  You have {pointsLeft ?? PRIORITY_POINTS_BUDGET} of {PRIORITY_POINTS_BUDGET} points left to spread across the plan.
                </p>
                <div className="inline-form__row">
                  <input
                    id={`${ids}-points-input`}
                    className="field__input field__input--narrow"
                    type="number"
                    inputMode="numeric"
                    name="points"
                    min={0}
                    max={PRIORITY_POINTS_PER_OBJECTIVE}
                    step={1}
                    defaultValue={myPoints}
                    key={myPoints}
                    aria-invalid={pointsError ? true : undefined}
                    aria-describedby={`${ids}-points-hint${pointsError ? ` ${ids}-points-error` : ""}`}
                  />
                  <button type="submit" className="button button--secondary" disabled={points.state !== "idle"}>
                    Save points
                  </button>
                </div>
                {pointsError ? (
                  <p id={`${ids}-points-error`} className="field__error" role="alert">
                    <span aria-hidden="true">⚠ </span>
                    {pointsError}
                  </p>
                ) : null}
                {pointsResult?.ok && points.state === "idle" ? (
                  <p className="field__ok" role="status">
                    Points saved.
                  </p>
                ) : null}
              </div>
              <p className="engagement-panel__more">
                <a href="/priorities">Spread all your points on one page</a>
              </p>
            </points.Form>
          ) : (
            <p>
              Members spread {PRIORITY_POINTS_BUDGET} points across the objectives they think matter most. <a href={loginHref}>Sign in to place yours</a>.
            </p>
          )}
        </div>

        <div className="engagement-panel__cell">
          {signedIn ? (
            <stance.Form method="post" action={objectivePath}>
              <input type="hidden" name="intent" value="stance" />
              <input type="hidden" name="objectiveId" value={objectiveId} />
              <fieldset className="stance-picker" aria-describedby={stanceError ? `${ids}-stance-error` : undefined}>
                <legend>
                  <h3>My stance</h3>
                </legend>
                {STANCES.map((value) => (
                  <label key={value} className={`stance-option stance-option--${value}`}>
                    <input type="radio" name="stance" value={value} defaultChecked={mine?.stance === value} key={`${value}-${mine?.stance ?? "none"}`} />
                    <span className="stance-option__word">
                      <StanceShape stance={value} /> {STANCE_LABELS[value]}
                    </span>
                    <span className="stance-option__hint">{STANCE_HINTS[value]}</span>
                  </label>
                ))}
              </fieldset>
              {stanceError ? (
                <p id={`${ids}-stance-error`} className="field__error" role="alert">
                  <span aria-hidden="true">⚠ </span>
                  {stanceError}
                </p>
              ) : null}
              <button type="submit" className="button button--secondary" disabled={stance.state !== "idle"}>
                Save my stance
              </button>
              {stanceResult?.ok && stance.state === "idle" ? (
                <p className="field__ok" role="status">
                  Stance saved. You can change it any time.
                </p>
              ) : null}
            </stance.Form>
          ) : (
            <>
              <h3>My stance</h3>
              <p>
                In favour, neutral or concerned: tell the association where you stand. <a href={loginHref}>Sign in to say</a>.
              </p>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
