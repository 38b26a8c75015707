import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { loadApi, preloadApiWhenIdle } from "../../lib/api";

function SupportIcon({ on }: { on: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      {on ? (
        <path d="M2 7.5 L5.5 11 L12 3.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
      ) : (
        <path d="M7 2 V12 M2 7 H12" fill="none" stroke="currentColor" strokeWidth="2.2" />
      )}
    </svg>
  );
}

type Props = {
  objectiveId: number;
  supported: boolean;
  count: number;
  /** Where to come back to after the no-JavaScript post or the sign-in detour. */
  redirectTo: string;
  signedIn: boolean;
};

/**
 * Support toggle. Without JavaScript it is a plain form posting to /support, which toggles and
 * redirects back; with it the count changes at once and the server's exact count follows (through
 * tRPC, loaded when the browser is idle; if that cannot load, the form posts as without JavaScript).
 * A visitor is sent to sign in and back.
 */
export function SupportButton({ objectiveId, supported, count, redirectTo, signedIn }: Props) {
  const [state, setState] = useState({ supported, count });
  const [error, setError] = useState<string | null>(null);
  // Only the answer to the latest click may settle the button; earlier ones are overtaken.
  const latestClick = useRef(0);
  // The loader's answer (after a reload or revalidation) says what the member did; the live figures
  // say only how many support it. A live count must not put back the member's state from before
  // their own click (the next press would then ask for the same change again).
  useEffect(() => setState((current) => ({ ...current, supported })), [supported]);
  useEffect(() => setState((current) => ({ ...current, count })), [count]);
  useEffect(() => (signedIn ? preloadApiWhenIdle() : undefined), [signedIn]);

  const label = state.supported ? "Supported" : "Support";
  const description = `${state.count.toLocaleString("en-US")} ${state.count === 1 ? "member supports" : "members support"} this objective`;

  if (!signedIn) {
    return (
      <div className="support">
        <Form method="get" action="/login" className="support__form">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button type="submit" className="button button--secondary support__button">
            <SupportIcon on={false} /> Support
          </button>
        </Form>
        <p className="support__count">{description}</p>
        <p className="support__hint">Sign in to add your support.</p>
      </div>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const previous = state;
    const input = { objectiveId, supported: !previous.supported };
    const click = ++latestClick.current;
    setError(null);
    setState({ supported: input.supported, count: previous.count + (input.supported ? 1 : -1) });
    loadApi().then(
      (api) =>
        api.mutate(api.trpc.vote.toggle.mutationOptions(), input).then(
          (result) => {
            if (click === latestClick.current) setState({ supported: result.supported, count: result.count });
          },
          (err: unknown) => {
            if (click !== latestClick.current) return;
            setState(previous);
            setError((err instanceof Error && err.message) || "Your support was not saved. Please try again.");
          },
        ),
      () => {
        // The client could not be fetched: post the form as a page would without JavaScript.
        // Render the previous state first, so the hidden field asks for the same change as the click.
        flushSync(() => setState(previous));
        formElement.submit();
      },
    );
  };

  return (
    <div className="support">
      <form method="post" action="/support" onSubmit={onSubmit} className="support__form">
        <input type="hidden" name="objectiveId" value={objectiveId} />
        <input type="hidden" name="supported" value={state.supported ? "false" : "true"} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <button
          type="submit"
          className={`button support__button${state.supported ? " support__button--on" : " button--secondary"}`}
          aria-pressed={state.supported}
        >
          <SupportIcon on={state.supported} /> {label}
        </button>
      </form>
      <p className="support__count" aria-live="polite" data-testid="support-count">
        {description}
      </p>
      {error ? (
        <p className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
