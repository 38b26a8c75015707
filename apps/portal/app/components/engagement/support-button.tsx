import { Form } from "@remix-run/react";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { useTRPC } from "../../lib/trpc";

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
 * redirects back; with it the count changes at once and the server's exact count follows.
 * A visitor is sent to sign in and back.
 */
export function SupportButton({ objectiveId, supported, count, redirectTo, signedIn }: Props) {
  const trpc = useTRPC();
  const [state, setState] = useState({ supported, count });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setState({ supported, count }), [supported, count]);

  const toggle = useMutation(
    trpc.vote.toggle.mutationOptions({
      onMutate: (input) => {
        const previous = state;
        setError(null);
        setState({ supported: input.supported ?? !previous.supported, count: previous.count + (input.supported ? 1 : -1) });
        return { previous };
      },
      onError: (err, _input, context) => {
        if (context) setState(context.previous);
        setError(err.message || "Your support was not saved. Please try again.");
      },
      onSuccess: (result) => setState({ supported: result.supported, count: result.count }),
    }),
  );

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
    toggle.mutate({ objectiveId, supported: !state.supported });
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
